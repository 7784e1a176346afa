import { useState } from 'react';

import type { MenuIndex } from '../../../shared/menu.js';
import { formatMoney } from '../../../shared/money/index.js';
import type { ApiFailure } from '../api/errors.js';
import type { TicketPricing } from '../ticket/pricing.js';
import { ticketStore, useTicket } from '../ticket/use-ticket.js';
import { AdjustmentDialog, describeAdjustment } from './AdjustmentDialog.js';
import { TenderSection } from './TenderSection.js';
import { TicketLines } from './TicketLines.js';
import { TotalsTable } from './TotalsTable.js';

/** Renders the ticket's lines, adjustments, totals, tender and charge button. */
export function TicketPanel(props: {
  index: MenuIndex;
  pricing: TicketPricing;
  canCharge: boolean;
  chargeError: ApiFailure | null;
  onCharge: () => void;
}) {
  const { index, pricing, canCharge, chargeError, onCharge } = props;
  const currency = index.menu.currency;
  const discount = useTicket((state) => state.discount);
  const tip = useTicket((state) => state.tip);
  const hasLines = useTicket((state) => state.lines.length > 0);
  const [editing, setEditing] = useState<'discount' | 'tip' | null>(null);

  const total = pricing.status === 'priced' ? pricing.order.totals.total : 0;

  return (
    <section className="ticket" aria-label="Ticket">
      <TicketLines index={index} pricing={pricing} />
      <div className="ticket__adjustments">
        <button
          type="button"
          className="button"
          onClick={() => setEditing('discount')}
        >
          Discount
          {discount ? ` · ${describeAdjustment(discount, currency)}` : ''}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setEditing('tip')}
        >
          Tip{tip ? ` · ${describeAdjustment(tip, currency)}` : ''}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => ticketStore.getState().clear()}
          disabled={!hasLines}
        >
          Clear
        </button>
      </div>
      <TotalsTable index={index} pricing={pricing} />
      <TenderSection currency={currency} pricing={pricing} />
      {pricing.status === 'invalid' ? (
        <p className="ticket__error" role="alert" data-testid="ticket-error">
          {pricing.message}
        </p>
      ) : null}
      {chargeError ? (
        <p className="ticket__error" role="alert" data-testid="charge-error">
          The order was not saved: {chargeError.message}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--charge"
        disabled={!canCharge}
        onClick={onCharge}
        data-testid="charge"
      >
        Charge {formatMoney(total, currency)}
      </button>
      {editing ? (
        <AdjustmentDialog
          kind={editing}
          currency={currency}
          current={editing === 'discount' ? discount : tip}
          onApply={(value) => {
            const state = ticketStore.getState();
            if (editing === 'discount') state.setDiscount(value);
            else state.setTip(value);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}
