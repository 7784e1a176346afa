import { describe, expect, it } from 'vitest';

import { computeOrder } from '../../shared/money/index.js';
import type { OrderSnapshot } from '../../shared/sync.js';
import { buildOrderSnapshot, fixtureMenu } from '../testing/order-snapshots.js';
import { verifyOrderSnapshot } from './verify-order.js';

const menuCap = 100_000_000;
const notStored = ' The entry was not stored.';

/** Builds a card order of two habanero mushroom tacos, as a terminal would. */
function tacoOrder(): OrderSnapshot {
  return buildOrderSnapshot(
    fixtureMenu('taco-truck'),
    {
      lines: [
        { sku: 'TACO-HONGOS', quantity: 2, modifiers: ['SALSA-HABANERO'] },
      ],
      tender: { method: 'card' },
    },
    { number: 3, businessDate: '2026-03-14' },
  );
}

/**
 * Applies a change to what was entered (quantities, prices, discount, tip,
 * tender), then recomputes every derived amount with the shared money
 * rules. The result adds up, so only a limit can reject it.
 */
function changedOrder(change: (order: OrderSnapshot) => void): OrderSnapshot {
  const order = tacoOrder();
  change(order);

  const lines = order.lines.map((line) => {
    const unitPrice = line.modifiers.reduce(
      (sum, modifier) => sum + modifier.price,
      line.basePrice,
    );
    return { ...line, unitPrice, gross: unitPrice * line.quantity };
  });
  const priced = computeOrder(
    { currency: order.currency, taxMode: order.taxMode },
    lines,
    {
      discount: order.discount ?? undefined,
      tip: order.tip ?? undefined,
      tender: order.tender,
    },
  );
  const tender = order.tender;
  return {
    ...order,
    lines: priced.lines,
    totals: priced.totals,
    payment: {
      ...order.payment,
      method: tender.method,
      amount: priced.totals.total,
      cashGiven: tender.method === 'cash' ? (tender.cashGiven ?? null) : null,
      change: priced.totals.change,
    },
  };
}

function rejection(field: string, message: string) {
  return { code: 'BAD_REQUEST', field, message: message + notStored };
}

describe('verifyOrderSnapshot amount limits', () => {
  it.each([
    ['quantity 999', (o: OrderSnapshot) => (o.lines[0]!.quantity = 999)],
    ['base price at the menu cap', (o) => (o.lines[0]!.basePrice = menuCap)],
    [
      'option price at the menu cap',
      (o) => (o.lines[0]!.modifiers[0]!.price = menuCap),
    ],
    [
      'option price at the menu floor',
      (o) => {
        o.lines[0]!.basePrice = menuCap;
        o.lines[0]!.modifiers[0]!.price = -menuCap;
      },
    ],
    [
      'the largest line a terminal prices',
      (o) => {
        o.lines[0]!.quantity = 999;
        o.lines[0]!.basePrice = menuCap;
        o.lines[0]!.modifiers[0]!.price = menuCap;
      },
    ],
    [
      'discount amount at the cap',
      (o) => {
        o.lines[0]!.basePrice = menuCap;
        o.discount = { amount: menuCap };
      },
    ],
    ['discount of 100 percent', (o) => (o.discount = { percent: '100' })],
    ['tip amount at the cap', (o) => (o.tip = { amount: menuCap })],
    [
      'cash given at the cap',
      (o) => (o.tender = { method: 'cash', cashGiven: menuCap }),
    ],
  ] satisfies [string, (order: OrderSnapshot) => void][])(
    'accepts %s',
    (_, change) => {
      expect(verifyOrderSnapshot(changedOrder(change))).toBeUndefined();
    },
  );

  it.each([
    [0, 'Quantity 0 is invalid. Use a whole number from 1 to 999.'],
    [1000, 'Quantity 1000 is invalid. Use a whole number from 1 to 999.'],
  ])('rejects quantity %i', (quantity, message) => {
    const order = changedOrder((o) => (o.lines[0]!.quantity = quantity));

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection('payload.lines.0.quantity', message),
    );
  });

  it.each([menuCap + 1, -1])('rejects base price %i', (price) => {
    const order = changedOrder((o) => {
      o.lines[0]!.basePrice = price;
      o.lines[0]!.modifiers[0]!.price = 10;
    });

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.lines.0.basePrice',
        `Line 1 (TACO-HONGOS) has base price ${price}, but a menu item ` +
          'costs from 0 to 100000000 minor units.',
      ),
    );
  });

  it.each([
    [menuCap + 1, 0],
    [-menuCap - 1, menuCap],
  ])('rejects option price %i', (price, basePrice) => {
    const order = changedOrder((o) => {
      o.lines[0]!.basePrice = basePrice;
      o.lines[0]!.modifiers[0]!.price = price;
    });

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.lines.0.modifiers.0.price',
        `Line 1 (TACO-HONGOS) has option SALSA-HABANERO at ${price}, but ` +
          'a menu option costs from -100000000 to 100000000 minor units.',
      ),
    );
  });

  it('rejects a discount amount above the cap', () => {
    const order = changedOrder((o) => {
      o.lines[0]!.basePrice = menuCap;
      o.discount = { amount: menuCap + 1 };
    });

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.discount.amount',
        'The discount is invalid: the amount must be a whole number of ' +
          'minor units from 0 to 100000000.',
      ),
    );
  });

  it('rejects a discount above 100 percent', () => {
    const order = tacoOrder();
    order.discount = { percent: '100.5' };

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.discount.percent',
        'The discount is invalid: the percentage must be from 0 to 100.',
      ),
    );
  });

  it('rejects a tip amount above the cap', () => {
    const order = changedOrder((o) => (o.tip = { amount: menuCap + 1 }));

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.tip.amount',
        'The tip is invalid: the amount must be a whole number of minor ' +
          'units from 0 to 100000000.',
      ),
    );
  });

  it('rejects cash given above the cap', () => {
    const order = changedOrder(
      (o) => (o.tender = { method: 'cash', cashGiven: menuCap + 1 }),
    );

    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.tender.cashGiven',
        'Cash given must be a whole number of minor units from 0 to ' +
          '100000000.',
      ),
    );
  });

  it('rejects a line at MAX_SAFE_INTEGER', () => {
    const order = changedOrder((o) => {
      o.lines[0]!.quantity = 1;
      o.lines[0]!.basePrice = Number.MAX_SAFE_INTEGER;
      o.lines[0]!.modifiers = [];
      o.lines[0]!.taxes = [];
    });

    expect(order.totals.total).toBe(Number.MAX_SAFE_INTEGER);
    expect(verifyOrderSnapshot(order)).toEqual(
      rejection(
        'payload.lines.0.basePrice',
        'Line 1 (TACO-HONGOS) has base price 9007199254740991, but a menu ' +
          'item costs from 0 to 100000000 minor units.',
      ),
    );
  });
});
