import { formatCsv } from '../../shared/csv.js';
import { formatMajorUnits } from '../../shared/menu-csv.js';
import type { SalesTotals } from '../../shared/report.js';
import type { SalesReport } from '../../shared/sales-report.js';

export const salesCsvViews = ['days', 'trucks', 'hours', 'items'] as const;
export type SalesCsvView = (typeof salesCsvViews)[number];

const totalsColumns = [
  'orders',
  'subtotal',
  'discount',
  'tax',
  'tip',
  'rounding',
  'total',
  'cash',
  'card',
  'other',
  'voided_orders',
  'voided_total',
  'refunds',
  'refunded',
  'net',
] as const;

/**
 * Writes one view of a sales report as CSV, amounts in major units with a
 * decimal point ("12.50"), so that a spreadsheet sums them as numbers.
 * - days: one row per truck and business date.
 * - trucks: one row per truck over the whole range.
 * - hours: one row per local hour, all trucks together.
 * - items: one row per SKU, all trucks together.
 */
export function salesReportToCsv(
  report: SalesReport,
  view: SalesCsvView,
): string {
  const currency = report.currency ?? 'USD';
  const amount = (value: number) => formatMajorUnits(value, currency);
  const totalsCells = (totals: SalesTotals) => [
    String(totals.orders),
    amount(totals.subtotal),
    amount(totals.discount),
    amount(totals.tax),
    amount(totals.tip),
    amount(totals.rounding),
    amount(totals.total),
    amount(totals.byTender.cash),
    amount(totals.byTender.card),
    amount(totals.byTender.other),
    String(totals.voids.orders),
    amount(totals.voids.total),
    String(totals.refunds.count),
    amount(totals.refunds.total),
    amount(totals.net),
  ];

  if (view === 'days') {
    return formatCsv([
      ['date', 'truck_id', 'truck', 'currency', ...totalsColumns],
      ...report.trucks.flatMap((truck) =>
        truck.days.map((day) => [
          day.date,
          truck.truckId,
          truck.name,
          currency,
          ...totalsCells(day),
        ]),
      ),
    ]);
  }
  if (view === 'trucks') {
    return formatCsv([
      ['truck_id', 'truck', 'from', 'to', 'currency', ...totalsColumns],
      ...report.trucks.map((truck) => [
        truck.truckId,
        truck.name,
        report.from,
        report.to,
        currency,
        ...totalsCells(truck.total),
      ]),
    ]);
  }
  if (view === 'hours') {
    return formatCsv([
      ['hour', 'currency', ...totalsColumns],
      ...report.byHour.map((hour) => [
        `${String(hour.hour).padStart(2, '0')}:00`,
        currency,
        ...totalsCells(hour),
      ]),
    ]);
  }
  return formatCsv([
    ['sku', 'name', 'currency', 'quantity', 'gross', 'discount', 'net'],
    ...report.byItem.map((item) => [
      item.sku,
      item.name,
      currency,
      String(item.quantity),
      amount(item.gross),
      amount(item.discount),
      amount(item.net),
    ]),
  ]);
}
