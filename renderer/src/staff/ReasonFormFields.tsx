/**
 * Renders the reason field, the form's error line and its Cancel and
 * submit buttons, shared by the forms that need a manager's approval.
 */
export function ReasonFormFields(props: {
  reason: string;
  onReasonChange: (reason: string) => void;
  formError: string | null;
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
}) {
  return (
    <>
      <label className="field">
        Reason
        <input
          name="reason"
          value={props.reason}
          maxLength={200}
          onChange={(event) => props.onReasonChange(event.target.value)}
          autoFocus
        />
      </label>
      <p className="form-error" role="alert">
        {props.formError ?? ''}
      </p>
      <div className="sheet__actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={props.busy}
        >
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}
