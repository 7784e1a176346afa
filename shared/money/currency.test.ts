import { describe, expect, it } from 'vitest';

import { currencyExponent, formatMoney } from './currency.js';
import {
  parseDecimal,
  roundHalfAwayFromZero,
  toSafeNumber,
} from './decimal.js';

describe('currencyExponent', () => {
  it('follows ISO 4217', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
  });
});

describe('formatMoney', () => {
  it('formats yen without decimals', () => {
    expect(formatMoney(1280, 'JPY')).toBe('¥1,280');
  });

  it('formats dinars with three decimals', () => {
    // Intl puts a no-break space between the code and the amount.
    expect(formatMoney(1250, 'KWD')).toMatch(/^KWD\s1\.250$/);
  });

  it('formats cents below one dollar', () => {
    expect(formatMoney(5, 'USD')).toBe('$0.05');
  });

  it('formats a negative amount', () => {
    expect(formatMoney(-1999, 'USD')).toBe('-$19.99');
  });

  it('keeps every digit of a large amount', () => {
    expect(formatMoney(9_007_199_254_740_991, 'USD')).toBe(
      '$90,071,992,547,409.91',
    );
  });
});

describe('decimal helpers', () => {
  it('rounds negative halves away from zero', () => {
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(roundHalfAwayFromZero(-4n, 3n)).toBe(-1n);
  });

  it('rejects a denominator that is not positive', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('parses only plain decimal strings', () => {
    expect(parseDecimal('0.08875')).toEqual({
      numerator: 8875n,
      denominator: 100000n,
    });
    expect(parseDecimal(0.5)).toBeUndefined();
    expect(parseDecimal('1e2')).toBeUndefined();
    expect(parseDecimal(' 10')).toBeUndefined();
  });

  it('refuses amounts beyond the safe integer range', () => {
    expect(toSafeNumber(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(() => toSafeNumber(9_007_199_254_740_992n)).toThrow(RangeError);
  });
});
