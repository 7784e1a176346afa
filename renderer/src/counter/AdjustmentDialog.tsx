import { useState, type FormEvent } from 'react';

import type { DiscountInput, TipInput } from '../../../shared/order.js';
import { formatMoney } from '../../../shared/money/index.js';
import { parseMoneyText, toMoneyText } from '../ticket/money-input.js';
import { useModalDialog } from './use-modal-dialog.js';

type Adjustment = DiscountInput | TipInput;
type Unit = 'percent' | 'amount';

const presets: Record<'discount' | 'tip', string[]> = {
  discount: ['5', '10', '15', '20', '25'],
  tip: ['10', '15', '20'],
};

/** A percentage as the pricing rules take it: a decimal string. */
const percentPattern = /^\d{1,3}(\.\d{1,4})?$/;

export function describeAdjustment(
  value: Adjustment,
  currency: string,
): string {
  return 'percent' in value
    ? `${value.percent}%`
    : formatMoney(value.amount, currency);
}

/**
 * Sets the ticket's discount or tip: a preset percentage with one tap, or
 * a custom percentage or amount. Amounts above the subtotal and the like
 * are checked by pricing, which shows the reason on the ticket.
 */
export function AdjustmentDialog(props: {
  kind: 'discount' | 'tip';
  currency: string;
  current: Adjustment | null;
  onApply: (value: Adjustment | null) => void;
  onCancel: () => void;
}) {
  const { kind, currency, current, onApply, onCancel } = props;
  const dialogRef = useModalDialog();
  const [unit, setUnit] = useState<Unit>(
    current && 'amount' in current ? 'amount' : 'percent',
  );
  const [text, setText] = useState(
    current === null
      ? ''
      : 'percent' in current
        ? current.percent
        : toMoneyText(current.amount, currency),
  );
  const [error, setError] = useState<string | null>(null);
  const title = kind === 'discount' ? 'Discount' : 'Tip';

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = parseCustom(unit, text, currency);
    if (typeof value === 'string') setError(value);
    else onApply(value);
  };

  return (
    <dialog
      ref={dialogRef}
      className="sheet sheet--small"
      aria-labelledby="adjustment-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={handleSubmit}>
        <h2 id="adjustment-title" className="sheet__title">
          {title}
        </h2>
        <div className="adjustment__presets">
          {presets[kind].map((percent) => (
            <button
              key={percent}
              type="button"
              className="button"
              onClick={() => onApply({ percent })}
            >
              {percent}%
            </button>
          ))}
        </div>
        <div className="adjustment__custom">
          <div
            className="adjustment__units"
            role="radiogroup"
            aria-label="Unit"
          >
            {(['percent', 'amount'] as const).map((option) => (
              <button
                key={option}
                type="button"
                role="radio"
                aria-checked={unit === option}
                className={`button button--segment${unit === option ? ' is-active' : ''}`}
                onClick={() => setUnit(option)}
              >
                {option === 'percent' ? '%' : 'Amount'}
              </button>
            ))}
          </div>
          <label className="field">
            <span>
              {unit === 'percent' ? 'Percent' : `Amount (${currency})`}
            </span>
            <input
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setError(null);
              }}
              aria-invalid={error !== null}
              autoFocus
            />
          </label>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="sheet__actions">
          <button
            type="button"
            className="button"
            onClick={() => onApply(null)}
          >
            No {kind}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Apply
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Returns the adjustment, or a message saying what to type instead. */
function parseCustom(
  unit: Unit,
  text: string,
  currency: string,
): Adjustment | string {
  const trimmed = text.trim();
  if (unit === 'percent') {
    if (!percentPattern.test(trimmed) || Number(trimmed) > 100) {
      return `“${trimmed}” is not a percentage. Type a number from 0 to 100, such as 12.5.`;
    }
    return { percent: trimmed };
  }

  const amount = parseMoneyText(trimmed, currency);
  if (amount === undefined) {
    return `“${trimmed}” is not an amount. Type it like ${toMoneyText(500, currency)}.`;
  }
  return { amount };
}
