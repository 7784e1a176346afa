import { currencyExponent } from '../../../shared/money/index.js';

/**
 * Parses an amount typed in major units ("20", "20.5", "1.250" for KWD)
 * into integer minor units without floating point. Returns undefined for
 * anything that is not a non-negative amount with at most the currency's
 * number of decimals.
 */
export function parseMoneyText(
  text: string,
  currency: string,
): number | undefined {
  const exponent = currencyExponent(currency);
  const trimmed = text.trim();
  const pattern =
    exponent > 0
      ? new RegExp(`^(\\d{1,9})(?:\\.(\\d{0,${exponent}}))?$`)
      : /^(\d{1,9})$/;
  const match = pattern.exec(trimmed);
  if (!match) return undefined;

  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(exponent, '0');
  return Number(`${whole}${fraction}`);
}

/** Formats minor units as the plain decimal text parseMoneyText accepts. */
export function toMoneyText(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amount);
  const digits = String(amount).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Suggests the amounts of cash a customer is likely to hand over for a
 * total: the next round numbers above it in common note sizes. Currencies
 * without decimals (JPY, KRW) get notes a hundred times larger, since their
 * smallest unit is worth about a cent.
 */
export function suggestCashAmounts(
  total: number,
  currency: string,
  count = 3,
): number[] {
  const exponent = currencyExponent(currency);
  const majorUnit = exponent === 0 ? 100 : 10 ** exponent;
  const steps = [1, 5, 10, 20, 50, 100, 500, 1000].map(
    (step) => step * majorUnit,
  );

  const suggestions: number[] = [];
  for (const step of steps) {
    const rounded = total + ((step - (total % step)) % step);
    if (rounded > total && !suggestions.includes(rounded)) {
      suggestions.push(rounded);
    }
    if (suggestions.length === count) break;
  }
  return suggestions;
}
