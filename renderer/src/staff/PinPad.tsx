import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export const minPinLength = 4;
export const maxPinLength = 6;

const digitKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * A PIN pad of 4 to 6 digits with large keys. Digit keys, Backspace and
 * Enter work from the keyboard while the pad (or anything in it) has focus.
 * The entered digits are cleared after each submit, so a wrong PIN is typed
 * again from the start.
 */
export function PinPad(props: {
  label: string;
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSubmit: (pin: string) => void;
}) {
  const { label, busy, error, submitLabel, onSubmit } = props;
  const [pin, setPin] = useState('');
  const padRef = useRef<HTMLDivElement>(null);

  // The pad takes focus when it appears, so typing digits works at once.
  useEffect(() => padRef.current?.focus(), []);

  const append = (digit: string) =>
    setPin((current) =>
      current.length < maxPinLength ? current + digit : current,
    );
  const removeLast = () => setPin((current) => current.slice(0, -1));
  const complete = pin.length >= minPinLength;
  const submit = () => {
    if (!complete || busy) return;
    onSubmit(pin);
    setPin('');
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (/^\d$/.test(event.key)) append(event.key);
    else if (event.key === 'Backspace') removeLast();
    else if (event.key === 'Enter') submit();
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={padRef}
      tabIndex={-1}
      className="pin-pad"
      role="group"
      aria-label={label}
      onKeyDown={handleKeyDown}
    >
      <output
        className="pin-pad__display"
        aria-label={`${pin.length} of ${maxPinLength} digits entered`}
        data-testid="pin-display"
      >
        {Array.from({ length: maxPinLength }, (_, position) => (
          <span
            key={position}
            className={`pin-pad__dot${position < pin.length ? ' is-filled' : ''}`}
            aria-hidden="true"
          />
        ))}
      </output>
      <p className="pin-pad__error" role="alert" data-testid="pin-error">
        {error ?? ''}
      </p>
      <div className="pin-pad__keys">
        {digitKeys.map((digit) => (
          <PadKey key={digit} label={digit} onPress={() => append(digit)} />
        ))}
        <PadKey
          label="⌫"
          name="Delete last digit"
          onPress={removeLast}
          disabled={pin.length === 0}
        />
        <PadKey label="0" onPress={() => append('0')} />
        <button
          type="button"
          className="button button--primary pin-pad__key"
          disabled={!complete || busy}
          onClick={submit}
        >
          {submitLabel}
        </button>
      </div>
    </div>
  );
}

function PadKey(props: {
  label: string;
  name?: string;
  disabled?: boolean;
  onPress: () => void;
}) {
  return (
    <button
      type="button"
      className="button pin-pad__key"
      aria-label={props.name}
      disabled={props.disabled}
      onClick={props.onPress}
    >
      {props.label}
    </button>
  );
}
