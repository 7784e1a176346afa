import { useId, type InputHTMLAttributes } from 'react';

/**
 * A labelled input with its error message underneath, tied together with
 * aria-invalid and aria-describedby so screen readers read the error with
 * the field.
 */
export function TextField(
  props: {
    label: string;
    error?: string | undefined;
    onValue: (value: string) => void;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'>,
) {
  const { label, error, onValue, className, ...inputProps } = props;
  const errorId = useId();
  return (
    <label className={`field${className ? ` ${className}` : ''}`}>
      <span className="field__label">{label}</span>
      <input
        {...inputProps}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onValue(event.target.value)}
      />
      {error ? (
        <span id={errorId} className="field__error" data-testid="field-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}
