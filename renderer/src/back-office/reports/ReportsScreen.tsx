import { useState } from 'react';

import { addDays } from '../../../../shared/business-day.js';
import { formatMoney } from '../../../../shared/money/index.js';
import type { SalesTotals } from '../../../../shared/report.js';
import { callServer } from '../../api/back-office.js';
import { useLocalApiClient } from '../../api/client.js';
import { describeApiError } from '../../api/errors.js';
import { downloadText } from '../download.js';
import { TextField } from '../TextField.js';
import { useServerQuery } from '../use-server.js';
import { HourChart } from './HourChart.js';

const csvViews = [
  { id: 'days', label: 'Days' },
  { id: 'trucks', label: 'Trucks' },
  { id: 'hours', label: 'Hours' },
  { id: 'items', label: 'Items' },
] as const;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Sales over a range of business dates: per truck and day, across trucks,
 * by hour (chart and table), by item and by tender, with CSV export.
 */
export function ReportsScreen() {
  const client = useLocalApiClient();
  const today = localDate(new Date());
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const [exportError, setExportError] = useState<string | null>(null);
  const validRange = datePattern.test(from) && datePattern.test(to);
  const report = useServerQuery(
    'reports.sales',
    { from, to },
    { enabled: validRange },
  );

  const exportCsv = async (view: (typeof csvViews)[number]['id']) => {
    setExportError(null);
    try {
      const file = await callServer(client, 'query', 'reports.exportCsv', {
        from,
        to,
        view,
      });
      downloadText(file.fileName, file.contentType, file.content);
    } catch (error) {
      setExportError(describeApiError(error).message);
    }
  };

  const data = report.data;
  const currency = data?.currency ?? 'USD';
  const money = (amount: number) => formatMoney(amount, currency);

  return (
    <div className="back-office__page reports">
      <section className="panel form-row" aria-label="Report range">
        <TextField label="From" type="date" value={from} onValue={setFrom} />
        <TextField label="To" type="date" value={to} onValue={setTo} />
        <div className="button-row" role="group" aria-label="Export CSV">
          {csvViews.map((view) => (
            <button
              key={view.id}
              type="button"
              className="button"
              disabled={!data}
              onClick={() => void exportCsv(view.id)}
            >
              CSV: {view.label}
            </button>
          ))}
        </div>
      </section>
      {report.isError || exportError ? (
        <p className="form-error" role="alert">
          {exportError ?? describeApiError(report.error).message}
        </p>
      ) : null}
      {data ? (
        <>
          <section className="panel" aria-labelledby="report-total">
            <h2 id="report-total">All trucks</h2>
            <TotalsSummary totals={data.total} money={money} />
          </section>
          <section className="panel" aria-labelledby="report-hours">
            <h2 id="report-hours">By hour</h2>
            <HourChart byHour={data.byHour} currency={currency} />
          </section>
          <section className="panel" aria-labelledby="report-days">
            <h2 id="report-days">By truck and day</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Truck</th>
                  <th scope="col">Date</th>
                  <th scope="col" className="is-numeric">
                    Orders
                  </th>
                  <th scope="col" className="is-numeric">
                    Net
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.trucks.flatMap((truck) =>
                  truck.days.map((day) => (
                    <tr key={`${truck.truckId}-${day.date}`}>
                      <td>{truck.name}</td>
                      <td>{day.date}</td>
                      <td className="is-numeric">{day.orders}</td>
                      <td className="is-numeric">{money(day.net)}</td>
                    </tr>
                  )),
                )}
                {data.days.map((day) => (
                  <tr key={`all-${day.date}`} className="data-table__total">
                    <th scope="row">All trucks</th>
                    <td>{day.date}</td>
                    <td className="is-numeric">{day.orders}</td>
                    <td className="is-numeric">{money(day.net)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="report-items">
            <h2 id="report-items">By item</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col" className="is-numeric">
                    Quantity
                  </th>
                  <th scope="col" className="is-numeric">
                    Net
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.byItem.map((item) => (
                  <tr key={item.sku}>
                    <td>{item.name}</td>
                    <td className="is-numeric">{item.quantity}</td>
                    <td className="is-numeric">{money(item.net)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );
}

function TotalsSummary(props: {
  totals: SalesTotals;
  money: (amount: number) => string;
}) {
  const { totals, money } = props;
  const rows: [string, string][] = [
    ['Orders', String(totals.orders)],
    ['Total', money(totals.total)],
    ['Refunds', money(totals.refunds.total)],
    ['Net', money(totals.net)],
    ['Cash', money(totals.byTender.cash)],
    ['Card', money(totals.byTender.card)],
    ['Other', money(totals.byTender.other)],
    ['Voided orders', String(totals.voids.orders)],
  ];
  return (
    <dl className="report-totals">
      {rows.map(([label, value]) => (
        <div key={label} className="report-totals__row">
          <dt>{label}</dt>
          <dd data-testid={`report-${label.toLowerCase()}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function localDate(now: Date): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
