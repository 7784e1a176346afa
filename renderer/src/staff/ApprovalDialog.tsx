import { useModalDialog } from '../counter/use-modal-dialog.js';
import { PinPad } from './PinPad.js';

/**
 * Asks a manager (or owner) to approve one action with their PIN, without
 * switching the signed-in user. The caller retries the action with the PIN
 * and passes the terminal's error back when the PIN is not accepted.
 */
export function ApprovalDialog(props: {
  action: string;
  reason: string;
  busy: boolean;
  error: string | null;
  onApprove: (pin: string) => void;
  onCancel: () => void;
}) {
  const dialogRef = useModalDialog();
  return (
    <dialog
      ref={dialogRef}
      className="sheet sheet--small approval"
      aria-labelledby="approval-title"
      aria-describedby="approval-reason"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="approval-title" className="sheet__title">
        Manager approval: {props.action}
      </h2>
      <p id="approval-reason" className="approval__reason">
        {props.reason}
      </p>
      <PinPad
        label="Manager PIN"
        busy={props.busy}
        error={props.error}
        submitLabel="Approve"
        onSubmit={props.onApprove}
      />
      <div className="sheet__actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
