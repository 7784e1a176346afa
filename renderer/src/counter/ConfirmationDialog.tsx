import type { OrderTotals, TenderMethod } from '../../../shared/order.js';
import { formatMoney } from '../../../shared/money/index.js';
import { useModalDialog } from './use-modal-dialog.js';

export interface Confirmation {
  tender: TenderMethod;
  totals: OrderTotals;
  change: number;
  /** Null until the terminal has stored the order and numbered it. */
  number: number | null;
}

/**
 * The order number and the change due after a charge. The next-order
 * button has focus, so Enter (or Escape) starts the next order.
 */
export function ConfirmationDialog(props: {
  confirmation: Confirmation;
  currency: string;
  onNext: () => void;
}) {
  const { confirmation, currency, onNext } = props;
  const dialogRef = useModalDialog();
  const money = (amount: number) => formatMoney(amount, currency);

  return (
    <dialog
      ref={dialogRef}
      className="sheet confirmation"
      aria-labelledby="confirmation-number"
      onCancel={(event) => {
        event.preventDefault();
        onNext();
      }}
    >
      <p
        id="confirmation-number"
        className="confirmation__number"
        data-testid="order-number"
      >
        Order {confirmation.number ?? ''}
      </p>
      {confirmation.tender === 'cash' ? (
        <p className="confirmation__change">
          Change due{' '}
          <strong data-testid="change-due">{money(confirmation.change)}</strong>
        </p>
      ) : (
        <p className="confirmation__change">
          Paid by {confirmation.tender === 'card' ? 'card' : 'other tender'}
        </p>
      )}
      <p className="confirmation__total">
        Total{' '}
        <span data-testid="confirmed-total">
          {money(confirmation.totals.total)}
        </span>
      </p>
      {/* Until the terminal has numbered the order, the button keeps focus
          for Enter but says it is not ready yet; onNext ignores it then. */}
      <button
        type="button"
        className="button button--charge"
        onClick={onNext}
        aria-disabled={confirmation.number === null}
        autoFocus
      >
        Next order
      </button>
    </dialog>
  );
}
