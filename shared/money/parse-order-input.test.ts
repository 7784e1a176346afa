import { describe, expect, it } from 'vitest';

import { OrderRejectedError } from '../errors.js';
import { parseOrderInput } from './parse-order-input.js';

const water = { sku: 'DRINK-WATER', quantity: 1 };

function rejectionOf(raw: unknown): OrderRejectedError {
  try {
    parseOrderInput(raw);
  } catch (error) {
    if (error instanceof OrderRejectedError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('parseOrderInput', () => {
  it('returns a checked order with defaults', () => {
    expect(
      parseOrderInput({
        lines: [water],
        discount: { amount: 50 },
        tip: { percent: '15' },
        tender: { method: 'cash', cashGiven: 1000 },
      }),
    ).toEqual({
      lines: [{ sku: 'DRINK-WATER', quantity: 1, modifiers: [] }],
      discount: { amount: 50 },
      tip: { percent: '15' },
      tender: { method: 'cash', cashGiven: 1000 },
    });
  });

  it('treats a null discount and tip as absent', () => {
    expect(
      parseOrderInput({
        lines: [water],
        discount: null,
        tip: null,
        tender: { method: 'card' },
      }),
    ).toEqual({
      lines: [{ sku: 'DRINK-WATER', quantity: 1, modifiers: [] }],
      tender: { method: 'card' },
    });
  });

  const cases: {
    name: string;
    raw: unknown;
    reason: string;
    field: string;
    message?: RegExp;
  }[] = [
    {
      name: 'a body that is not an object',
      raw: [1],
      reason: 'bad-order',
      field: '',
    },
    {
      name: 'lines that are not a list',
      raw: { lines: 'taco', tender: { method: 'card' } },
      reason: 'bad-order',
      field: 'lines',
    },
    {
      name: 'a missing tender',
      raw: { lines: [water] },
      reason: 'bad-tender',
      field: 'tender',
    },
    {
      name: 'a tender method that is not text',
      raw: { lines: [water], tender: { method: 5 } },
      reason: 'bad-tender',
      field: 'tender.method',
    },
    {
      name: 'a SKU that is not text',
      raw: { lines: [{ sku: 7, quantity: 1 }], tender: { method: 'card' } },
      reason: 'unknown-sku',
      field: 'lines[0].sku',
    },
    {
      name: 'a quantity given as text',
      raw: { lines: [{ sku: 'A', quantity: '2' }], tender: { method: 'card' } },
      reason: 'bad-quantity',
      field: 'lines[0].quantity',
    },
    {
      name: 'a quantity above 999',
      raw: {
        lines: [{ sku: 'A', quantity: 1000 }],
        tender: { method: 'card' },
      },
      reason: 'bad-quantity',
      field: 'lines[0].quantity',
      message: /from 1 to 999/,
    },
    {
      name: 'a discount that is a number',
      raw: { lines: [water], discount: 10, tender: { method: 'card' } },
      reason: 'bad-discount',
      field: 'discount',
    },
    {
      name: 'a discount with an unknown key',
      raw: {
        lines: [water],
        discount: { rate: '10' },
        tender: { method: 'card' },
      },
      reason: 'bad-discount',
      field: 'discount',
      message: /unknown key "rate"/,
    },
    {
      name: 'a discount percent above 100',
      raw: {
        lines: [water],
        discount: { percent: '100.5' },
        tender: { method: 'card' },
      },
      reason: 'bad-discount',
      field: 'discount.percent',
      message: /from 0 to 100/,
    },
    {
      name: 'a negative discount percent',
      raw: {
        lines: [water],
        discount: { percent: '-5' },
        tender: { method: 'card' },
      },
      reason: 'bad-discount',
      field: 'discount.percent',
      message: /not negative/,
    },
    {
      name: 'a tip amount above the cap',
      raw: {
        lines: [water],
        tip: { amount: 100_000_001 },
        tender: { method: 'card' },
      },
      reason: 'bad-tip',
      field: 'tip.amount',
      message: /from 0 to 100000000/,
    },
    {
      name: 'a tip percent with an exponent',
      raw: {
        lines: [water],
        tip: { percent: '1e2' },
        tender: { method: 'card' },
      },
      reason: 'bad-tip',
      field: 'tip.percent',
    },
    {
      name: 'a fractional cash amount',
      raw: { lines: [water], tender: { method: 'cash', cashGiven: 10.5 } },
      reason: 'bad-tender',
      field: 'tender.cashGiven',
      message: /whole number/,
    },
    {
      name: 'an extra key on a cash tender',
      raw: { lines: [water], tender: { method: 'cash', card: '4111' } },
      reason: 'bad-tender',
      field: 'tender.card',
    },
  ];

  it.each(cases)('rejects $name', ({ raw, reason, field, message }) => {
    const rejection = rejectionOf(raw);

    expect(rejection.reason).toBe(reason);
    expect(rejection.field).toBe(field);
    if (message) expect(rejection.message).toMatch(message);
  });
});
