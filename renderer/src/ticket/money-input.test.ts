import { describe, expect, it } from 'vitest';

import {
  parseMoneyText,
  suggestCashAmounts,
  toMoneyText,
} from './money-input.js';

describe('parseMoneyText', () => {
  it.each([
    ['20', 'USD', 2000],
    ['20.5', 'USD', 2050],
    ['20.05', 'USD', 2005],
    [' 7. ', 'USD', 700],
    ['1.250', 'KWD', 1250],
    ['500', 'JPY', 500],
  ])('parses %s %s as %i', (text, currency, expected) => {
    expect(parseMoneyText(text, currency)).toBe(expected);
  });

  it.each([
    ['20.505', 'USD'],
    ['5.0', 'JPY'],
    ['-1', 'USD'],
    ['', 'USD'],
    ['1e3', 'USD'],
    ['12,50', 'USD'],
  ])('rejects %s %s', (text, currency) => {
    expect(parseMoneyText(text, currency)).toBeUndefined();
  });
});

describe('toMoneyText', () => {
  it.each([
    [2005, 'USD', '20.05'],
    [5, 'USD', '0.05'],
    [1250, 'KWD', '1.250'],
    [500, 'JPY', '500'],
  ])('formats %i %s as %s', (amount, currency, expected) => {
    expect(toMoneyText(amount, currency)).toBe(expected);
  });
});

describe('suggestCashAmounts', () => {
  it('rounds up to common notes', () => {
    expect(suggestCashAmounts(1176, 'USD')).toEqual([1200, 1500, 2000]);
  });

  it('skips a note equal to the total', () => {
    expect(suggestCashAmounts(2000, 'USD')).toEqual([5000, 10000, 50000]);
  });

  it('uses larger notes without decimals', () => {
    expect(suggestCashAmounts(1176, 'JPY')).toEqual([1200, 1500, 2000]);
  });
});
