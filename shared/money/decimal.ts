/**
 * Exact decimal arithmetic for rates and percentages. A decimal string such
 * as "0.08875" becomes the fraction 8875/100000 in bigints, so no binary
 * floating point ever touches money.
 */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const decimalPattern = /^(\d{1,9})(?:\.(\d{1,9}))?$/;

/**
 * Parses a non-negative decimal string. Returns undefined for anything else,
 * including exponents, signs, spaces and numbers given as JSON numbers.
 */
export function parseDecimal(text: unknown): Fraction | undefined {
  if (typeof text !== 'string') return undefined;

  const match = decimalPattern.exec(text);
  if (!match) return undefined;

  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  return {
    numerator: BigInt(whole + fraction),
    denominator: 10n ** BigInt(fraction.length),
  };
}

/** Rounds numerator/denominator to an integer, halves away from zero. */
export function roundHalfAwayFromZero(
  numerator: bigint,
  denominator: bigint,
): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');

  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const remainder = magnitude % denominator;
  if (remainder * 2n >= denominator) quotient += 1n;

  return negative ? -quotient : quotient;
}

/** Converts a bigint amount back to a number, refusing unsafe magnitudes. */
export function toSafeNumber(value: bigint): number {
  if (
    value > BigInt(Number.MAX_SAFE_INTEGER) ||
    value < BigInt(Number.MIN_SAFE_INTEGER)
  ) {
    throw new RangeError(`amount ${value} is outside the safe integer range`);
  }
  return Number(value);
}
