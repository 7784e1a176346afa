import { useState } from 'react';

import { tenderMethods, type TenderMethod } from '../../../shared/order.js';
import { formatMoney } from '../../../shared/money/index.js';
import {
  parseMoneyText,
  suggestCashAmounts,
  toMoneyText,
} from '../ticket/money-input.js';
import type { TicketPricing } from '../ticket/pricing.js';
import { ticketStore, useTicket } from '../ticket/use-ticket.js';

const tenderLabels: Record<TenderMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
};

/**
 * Tender choice and, for cash, the amount handed over with quick amounts
 * and the change due. An empty amount means the customer paid exactly.
 */
export function TenderSection(props: {
  currency: string;
  pricing: TicketPricing;
}) {
  const { currency, pricing } = props;
  const tenderMethod = useTicket((state) => state.tenderMethod);

  return (
    <div className="tender">
      <div className="tender__methods" role="radiogroup" aria-label="Tender">
        {tenderMethods.map((method) => (
          <button
            key={method}
            type="button"
            role="radio"
            aria-checked={tenderMethod === method}
            className={`button button--segment${tenderMethod === method ? ' is-active' : ''}`}
            onClick={() => ticketStore.getState().setTenderMethod(method)}
          >
            {tenderLabels[method]}
          </button>
        ))}
      </div>
      {tenderMethod === 'cash' ? (
        <CashGiven currency={currency} pricing={pricing} />
      ) : null}
    </div>
  );
}

function CashGiven(props: { currency: string; pricing: TicketPricing }) {
  const { currency, pricing } = props;
  const cashGiven = useTicket((state) => state.cashGiven);
  const [text, setText] = useState('');
  const [textInvalid, setTextInvalid] = useState(false);

  // A quick amount or a cleared ticket changes cashGiven from outside the
  // field, so the field follows it unless it already shows that amount.
  const shownAmount = text === '' ? null : parseMoneyText(text, currency);
  if (!textInvalid && shownAmount !== cashGiven) {
    setText(cashGiven === null ? '' : toMoneyText(cashGiven, currency));
  }

  const total = pricing.status === 'priced' ? pricing.order.totals.total : 0;
  const change = pricing.status === 'priced' ? pricing.change : null;
  const setCashGiven = ticketStore.getState().setCashGiven;

  const handleChange = (value: string) => {
    setText(value);
    if (value.trim() === '') {
      setTextInvalid(false);
      setCashGiven(null);
      return;
    }
    const amount = parseMoneyText(value, currency);
    setTextInvalid(amount === undefined);
    if (amount !== undefined) setCashGiven(amount);
  };

  return (
    <div className="cash">
      <label className="cash__given">
        <input
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder="Cash given"
          aria-label="Cash given"
          aria-invalid={textInvalid}
          onChange={(event) => handleChange(event.target.value)}
          data-testid="cash-given"
        />
      </label>
      <div className="cash__quick" aria-label="Quick amounts">
        {suggestCashAmounts(total, currency).map((amount) => (
          <button
            key={amount}
            type="button"
            className="button"
            disabled={total === 0}
            onClick={() => {
              setTextInvalid(false);
              setCashGiven(amount);
            }}
          >
            {formatMoney(amount, currency)}
          </button>
        ))}
      </div>
      <p className="cash__change" data-testid="change" aria-live="polite">
        {textInvalid
          ? `“${text}” is not an amount. Type it like ${toMoneyText(2000, currency)}.`
          : change === null
            ? 'Exact amount'
            : change >= 0
              ? `Change ${formatMoney(change, currency)}`
              : `Short by ${formatMoney(-change, currency)}`}
      </p>
    </div>
  );
}
