import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import type { OrderSummary } from '../../../shared/local-api.js';
import { formatMoney } from '../../../shared/money/index.js';
import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { useModalDialog } from '../counter/use-modal-dialog.js';
import { ApprovalDialog } from '../staff/ApprovalDialog.js';
import { ReasonFormFields } from '../staff/ReasonFormFields.js';
import { approvalStepFor } from '../staff/approval-failure.js';
import { parseMoneyText, toMoneyText } from '../ticket/money-input.js';

export type OrderAction = 'void' | 'refund';

interface PendingApproval {
  reason: string;
  error: string | null;
}

/**
 * Voids or refunds one order. A staff member's request is rejected as
 * FORBIDDEN, so the dialog then requests a manager PIN and sends the
 * same request again with it.
 */
export function OrderActionDialog(props: {
  order: OrderSummary;
  action: OrderAction;
  onDone: () => void;
}) {
  const { order, action, onDone } = props;
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const dialogRef = useModalDialog();
  const [reason, setReason] = useState('');
  const [amountText, setAmountText] = useState(
    toMoneyText(order.totals.total, order.currency),
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [approval, setApproval] = useState<PendingApproval | null>(null);

  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: api.orders.pathKey() });
      onDone();
    },
  };
  const voidOrder = useMutation(api.orders.void.mutationOptions(options));
  const refundOrder = useMutation(api.orders.refund.mutationOptions(options));
  const busy = voidOrder.isPending || refundOrder.isPending;
  const title = action === 'void' ? 'Void order' : 'Refund order';

  const send = (approvalPin?: string) => {
    const trimmedReason = reason.trim();
    if (trimmedReason === '') {
      setFormError('Enter a reason, such as "wrong item".');
      return;
    }
    const pin = approvalPin ? { approvalPin } : {};
    const onError = (error: unknown) => {
      const failure = describeApiError(error);
      const step = approvalStepFor(failure, approvalPin !== undefined);
      if (step === 'request-pin') {
        setApproval({ reason: failure.message, error: null });
      } else if (step === 'pin-rejected') {
        setApproval(
          (current) =>
            current && {
              ...current,
              error: failure.message,
            },
        );
      } else {
        setApproval(null);
        setFormError(failure.message);
      }
    };
    setFormError(null);

    if (action === 'void') {
      voidOrder.mutate(
        { orderId: order.id, reason: trimmedReason, ...pin },
        { onError },
      );
      return;
    }
    const amount = parseMoneyText(amountText, order.currency);
    if (amount === undefined || amount <= 0) {
      setFormError(
        `Enter an amount above zero, such as ${toMoneyText(order.totals.total, order.currency)}.`,
      );
      return;
    }
    refundOrder.mutate(
      { orderId: order.id, amount, reason: trimmedReason, ...pin },
      { onError },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  return (
    <dialog
      ref={dialogRef}
      className="sheet sheet--small"
      aria-labelledby="order-action-title"
      onCancel={(event) => {
        event.preventDefault();
        onDone();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="order-action-title" className="sheet__title">
          {title} {order.number} ·{' '}
          {formatMoney(order.totals.total, order.currency)}
        </h2>
        {action === 'refund' ? (
          <label className="field">
            Amount to refund
            <input
              name="amount"
              inputMode="decimal"
              value={amountText}
              onChange={(event) => setAmountText(event.target.value)}
            />
          </label>
        ) : null}
        <ReasonFormFields
          reason={reason}
          onReasonChange={setReason}
          formError={formError}
          submitLabel={title}
          busy={busy}
          onCancel={onDone}
        />
      </form>
      {approval ? (
        <ApprovalDialog
          action={action}
          reason={approval.reason}
          busy={busy}
          error={approval.error}
          onApprove={(pin) => send(pin)}
          onCancel={() => setApproval(null)}
        />
      ) : null}
    </dialog>
  );
}
