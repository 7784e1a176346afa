import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { useModalDialog } from '../counter/use-modal-dialog.js';
import { ApprovalDialog } from '../staff/ApprovalDialog.js';
import { ReasonFormFields } from '../staff/ReasonFormFields.js';
import { approvalStepFor } from '../staff/approval-failure.js';

interface RejectedEntry {
  id: string;
  kind: string;
  orderNumber: number | null;
  errorMessage: string | null;
}

/**
 * Dismisses one entry the server rejected, with a reason. The entry is kept
 * on this terminal but never sent again. A staff member's request comes
 * back FORBIDDEN, so the dialog requests a manager PIN and sends it again.
 */
export function DismissEntryDialog(props: {
  entry: RejectedEntry;
  onDone: () => void;
}) {
  const { entry, onDone } = props;
  const api = useLocalApi();
  const dialogRef = useModalDialog();
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [approval, setApproval] = useState<{
    reason: string;
    error: string | null;
  } | null>(null);
  const dismiss = useMutation(
    api.sync.dismissRejected.mutationOptions({ onSuccess: onDone }),
  );
  const label =
    entry.orderNumber === null ? 'this order' : `order ${entry.orderNumber}`;

  const send = (approvalPin?: string) => {
    const trimmedReason = reason.trim();
    if (trimmedReason === '') {
      setFormError('Enter a reason, such as "test order, rung again as 12".');
      return;
    }
    setFormError(null);
    dismiss.mutate(
      {
        entryId: entry.id,
        reason: trimmedReason,
        ...(approvalPin ? { approvalPin } : {}),
      },
      {
        onError: (error) => {
          const failure = describeApiError(error);
          const step = approvalStepFor(failure, approvalPin !== undefined);
          if (step === 'request-pin') {
            setApproval({ reason: failure.message, error: null });
          } else if (step === 'pin-rejected') {
            setApproval((current) =>
              current ? { ...current, error: failure.message } : current,
            );
          } else {
            setApproval(null);
            setFormError(failure.message);
          }
        },
      },
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
      aria-labelledby="dismiss-entry-title"
      onCancel={(event) => {
        event.preventDefault();
        onDone();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="dismiss-entry-title" className="sheet__title">
          Dismiss {label}
        </h2>
        <p className="panel__hint">
          The server said: {entry.errorMessage ?? 'no reason given'} Dismissing
          stops sending the order and any of its voids and refunds not yet on
          the server. They stay on this terminal, the diagnostics archive lists
          them, and they no longer count in this terminal’s reports. If the
          customer paid, ring the sale again as a new order.
        </p>
        <ReasonFormFields
          reason={reason}
          onReasonChange={setReason}
          formError={formError}
          submitLabel="Dismiss"
          busy={dismiss.isPending}
          onCancel={onDone}
        />
      </form>
      {approval ? (
        <ApprovalDialog
          action="dismiss"
          reason={approval.reason}
          busy={dismiss.isPending}
          error={approval.error}
          onApprove={(pin) => send(pin)}
          onCancel={() => setApproval(null)}
        />
      ) : null}
    </dialog>
  );
}
