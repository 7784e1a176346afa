import type { MenuIndex } from '../../../shared/menu.js';
import { formatMoney } from '../../../shared/money/index.js';
import type { TicketPricing } from '../ticket/pricing.js';

/** Live totals of the ticket, as priceOrder computes them. */
export function TotalsTable(props: {
  index: MenuIndex;
  pricing: TicketPricing;
}) {
  const { index, pricing } = props;
  const currency = index.menu.currency;
  const money = (amount: number) => formatMoney(amount, currency);

  if (pricing.status !== 'priced') {
    return (
      <dl className="totals">
        <Row label="Total" value={money(0)} testId="total" emphasis />
      </dl>
    );
  }

  const { totals } = pricing.order;
  const inclusive = index.menu.taxMode === 'inclusive';

  return (
    <dl className="totals">
      <Row label="Subtotal" value={money(totals.subtotal)} testId="subtotal" />
      {totals.discount > 0 ? (
        <Row
          label="Discount"
          value={`−${money(totals.discount)}`}
          testId="discount"
        />
      ) : null}
      {Object.entries(totals.taxByRate).map(([rateId, amount]) => (
        <Row
          key={rateId}
          label={`${index.rates.get(rateId)?.name ?? rateId}${inclusive ? ' (included)' : ''}`}
          value={money(amount)}
          testId={`tax-${rateId}`}
        />
      ))}
      {totals.tip > 0 ? (
        <Row label="Tip" value={money(totals.tip)} testId="tip" />
      ) : null}
      {totals.rounding !== 0 ? (
        <Row
          label="Cash rounding"
          value={money(totals.rounding)}
          testId="rounding"
        />
      ) : null}
      <Row label="Total" value={money(totals.total)} testId="total" emphasis />
    </dl>
  );
}

function Row(props: {
  label: string;
  value: string;
  testId: string;
  emphasis?: boolean;
}) {
  return (
    <div
      className={`totals__row${props.emphasis ? ' totals__row--total' : ''}`}
    >
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
    </div>
  );
}
