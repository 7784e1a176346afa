/**
 * ISO 4217 minor-unit exponents for the currencies whose exponent is not 2.
 * Source: the ISO 4217 list of currency codes and minor units.
 */
const exponents: Record<string, number> = {
  BHD: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  PYG: 0,
  RWF: 0,
  TND: 3,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

export function currencyExponent(currency: string): number {
  return exponents[currency] ?? 2;
}

/**
 * Formats an amount in minor units for people, with the currency's own
 * number of decimals. The digits are built from the integer, so no float
 * ever rounds the amount.
 */
export function formatMoney(
  amount: number,
  currency: string,
  locale = 'en-US',
): string {
  const exponent = currencyExponent(currency);
  const negative = amount < 0;
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const decimalText = exponent > 0 ? `${whole}.${fraction}` : whole;

  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl formats decimal strings exactly when given them (ES2023).
  return formatter.format(
    (negative ? `-${decimalText}` : decimalText) as unknown as number,
  );
}
