import { createContext, useContext, useState } from 'react';

import { parseMoneyText, toMoneyText } from '../../ticket/money-input.js';
import { TextField } from '../TextField.js';

/**
 * The server's validation failure of the last save, as the path inside the
 * menu ("categories.0.items.1.sku") and its message. The server names the
 * field of the saveDraft input, "menu.categories.0.items.1.sku"; the prefix
 * is removed before it is stored here.
 */
export interface MenuFieldError {
  path: string;
  message: string;
}

export const MenuFieldErrorContext = createContext<MenuFieldError | null>(null);

function useFieldError(path: string): string | undefined {
  const error = useContext(MenuFieldErrorContext);
  return error?.path === path ? error.message : undefined;
}

/** A text input bound to one field of the menu, showing that field's error. */
export function MenuTextField(props: {
  label: string;
  path: string;
  value: string;
  onValue: (value: string) => void;
  className?: string;
}) {
  return (
    <TextField
      label={props.label}
      name={props.path}
      className={props.className}
      value={props.value}
      onValue={props.onValue}
      error={useFieldError(props.path)}
    />
  );
}

/** A whole-number input bound to one field of the menu. */
export function MenuNumberField(props: {
  label: string;
  path: string;
  value: number | undefined;
  onValue: (value: number | undefined) => void;
  className?: string;
}) {
  return (
    <TextField
      label={props.label}
      name={props.path}
      className={props.className}
      inputMode="numeric"
      value={props.value === undefined ? '' : String(props.value)}
      onValue={(text) => {
        const trimmed = text.trim();
        if (trimmed === '') props.onValue(undefined);
        else if (/^\d+$/.test(trimmed)) props.onValue(Number(trimmed));
      }}
      error={useFieldError(props.path)}
    />
  );
}

/**
 * An amount typed in major units ("4.50") bound to a price in minor units.
 * Text that is not an amount stays in the input with an error and leaves
 * the menu unchanged. Negative amounts are accepted only with allowNegative
 * (option prices such as "no meat").
 */
export function MenuMoneyField(props: {
  label: string;
  path: string;
  value: number;
  currency: string;
  allowNegative: boolean;
  onValue: (value: number) => void;
  className?: string;
}) {
  const { value, currency, allowNegative } = props;
  const [text, setText] = useState(() => formatSigned(value, currency));
  const [shownValue, setShownValue] = useState(value);
  // A price changed from outside (a reordered list) replaces the text; the
  // amount just typed parses back to the same value and stays as typed.
  if (shownValue !== value) {
    setShownValue(value);
    if (parseSigned(text, currency, allowNegative) !== value) {
      setText(formatSigned(value, currency));
    }
  }
  const serverError = useFieldError(props.path);
  const parsed = parseSigned(text, currency, allowNegative);
  const localError =
    parsed === undefined
      ? `must be an amount such as ${toMoneyText(450, currency)}${allowNegative ? ' or -1.00' : ''}`
      : undefined;

  return (
    <TextField
      label={props.label}
      name={props.path}
      className={props.className}
      inputMode="decimal"
      value={text}
      onValue={(next) => {
        setText(next);
        const amount = parseSigned(next, currency, allowNegative);
        if (amount !== undefined) props.onValue(amount);
      }}
      error={localError ?? serverError}
    />
  );
}

function parseSigned(
  text: string,
  currency: string,
  allowNegative: boolean,
): number | undefined {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  if (negative && !allowNegative) return undefined;
  const amount = parseMoneyText(
    negative ? trimmed.slice(1) : trimmed,
    currency,
  );
  if (amount === undefined) return undefined;
  return negative ? -amount : amount;
}

function formatSigned(amount: number, currency: string): string {
  const text = toMoneyText(Math.abs(amount), currency);
  return amount < 0 ? `-${text}` : text;
}
