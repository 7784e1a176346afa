import { describe, expect, it } from 'vitest';

import {
  fixtureMenuNames,
  loadFixtureMenu,
  loadFixtureOrders,
} from '../../test/support/fixtures.js';
import { OrderRejectedError } from '../errors.js';
import { indexMenu, menuSchema } from '../menu.js';
import {
  allocateProportionally,
  computeOrder,
  priceOrder,
} from './price-order.js';

describe('fixture orders', () => {
  for (const menuName of fixtureMenuNames()) {
    const index = indexMenu(menuSchema.parse(loadFixtureMenu(menuName)));
    const orders = loadFixtureOrders(menuName);

    it.each(orders.map((order) => [order.lineNumber, order] as const))(
      `${menuName} line %i`,
      (_lineNumber, order) => {
        if ('rejected' in order.expect) {
          let caught: unknown;
          try {
            priceOrder(index, order.input);
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(OrderRejectedError);
          const rejection = caught as OrderRejectedError;
          expect(rejection.reason).toBe(order.expect.rejected);
          expect(rejection.field).toMatch(/^(lines|discount|tip|tender)/);
          return;
        }

        expect(priceOrder(index, order.input).totals).toEqual(order.expect);
      },
    );
  }
});

describe('allocateProportionally', () => {
  it('gives leftover units to largest remainders', () => {
    expect(allocateProportionally(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
  });

  it('breaks remainder ties by earlier line', () => {
    expect(allocateProportionally(1n, [5n, 5n])).toEqual([1n, 0n]);
  });

  it('allocates nothing over a zero subtotal', () => {
    expect(allocateProportionally(0n, [0n, 0n])).toEqual([0n, 0n]);
  });
});

describe('priceOrder edge cases', () => {
  const index = indexMenu(menuSchema.parse(loadFixtureMenu('taco-truck')));

  it('rejects a unit price below zero', () => {
    const menu = menuSchema.parse({
      ...(loadFixtureMenu('taco-truck') as object),
      modifierGroups: [
        {
          id: 'swap',
          name: 'Swap',
          min: 0,
          max: 1,
          options: [{ sku: 'BIG-CREDIT', name: 'Credit', price: -5000 }],
        },
      ],
      categories: [
        {
          id: 'c',
          name: 'C',
          items: [
            {
              sku: 'CHEAP',
              name: 'Cheap',
              price: 100,
              taxes: [],
              modifierGroups: ['swap'],
            },
          ],
        },
      ],
    });
    expect(() =>
      priceOrder(indexMenu(menu), {
        lines: [{ sku: 'CHEAP', quantity: 1, modifiers: ['BIG-CREDIT'] }],
        tender: { method: 'card' },
      }),
    ).toThrow(/less than nothing/);
  });

  it('rejects cashGiven on a card tender', () => {
    expect(() =>
      priceOrder(index, {
        lines: [{ sku: 'DRINK-WATER', quantity: 1 }],
        tender: { method: 'card', cashGiven: 500 },
      }),
    ).toThrow(OrderRejectedError);
  });

  it('rejects a discount with two kinds', () => {
    expect(() =>
      priceOrder(index, {
        lines: [{ sku: 'DRINK-WATER', quantity: 1 }],
        discount: { percent: '10', amount: 5 },
        tender: { method: 'card' },
      }),
    ).toThrow(/exactly one/);
  });

  it('rejects a percent given as a number', () => {
    expect(() =>
      priceOrder(index, {
        lines: [{ sku: 'DRINK-WATER', quantity: 1 }],
        discount: { percent: 10 },
        tender: { method: 'card' },
      }),
    ).toThrow(/decimal string/);
  });
});

describe('computeOrder on a snapshot', () => {
  const settings = { currency: 'USD', taxMode: 'exclusive' as const };
  const line = {
    sku: 'A',
    name: 'A',
    quantity: 1,
    basePrice: 1000,
    modifiers: [],
    unitPrice: 1000,
    gross: 1000,
    taxes: [{ id: 'vat', name: 'VAT', rate: '0.2' }],
  };

  it('rejects a discount percent above 100', () => {
    expect(() =>
      computeOrder(settings, [line], {
        discount: { percent: '150' },
        tender: { method: 'card' },
      }),
    ).toThrow(/from 0 to 100/);
  });

  it('rejects a discount amount above the subtotal', () => {
    expect(() =>
      computeOrder(settings, [line], {
        discount: { amount: 1001 },
        tender: { method: 'card' },
      }),
    ).toThrow('Discount of 1001 is more than the subtotal of 1000. Lower it.');
  });

  it('rejects a tip percent that is not a decimal', () => {
    expect(() =>
      computeOrder(settings, [line], {
        tip: { percent: 'ten' },
        tender: { method: 'card' },
      }),
    ).toThrow(OrderRejectedError);
  });

  it('refuses a line with an invalid tax rate', () => {
    const badRate = { ...line, taxes: [{ id: 'x', name: 'X', rate: 'abc' }] };
    expect(() =>
      computeOrder(settings, [badRate], { tender: { method: 'card' } }),
    ).toThrow(/invalid rate abc/);
  });
});

describe('modifier count messages', () => {
  const menu = menuSchema.parse({
    format: 'galley.menu.v1',
    name: 'Sauces',
    currency: 'USD',
    taxMode: 'exclusive',
    taxRates: [],
    modifierGroups: [
      {
        id: 'sauces',
        name: 'Sauces',
        min: 1,
        max: 2,
        options: [
          { sku: 'S1', name: 'One', price: 0 },
          { sku: 'S2', name: 'Two', price: 0 },
          { sku: 'S3', name: 'Three', price: 0 },
        ],
      },
    ],
    categories: [
      {
        id: 'c',
        name: 'C',
        items: [
          {
            sku: 'FRIES',
            name: 'Fries',
            price: 300,
            taxes: [],
            modifierGroups: ['sauces'],
          },
        ],
      },
    ],
  });

  it('names a range with both bounds', () => {
    expect(() =>
      priceOrder(indexMenu(menu), {
        lines: [{ sku: 'FRIES', quantity: 1, modifiers: ['S1', 'S2', 'S3'] }],
        tender: { method: 'card' },
      }),
    ).toThrow('Sauces: choose between 1 and 2, not 3.');
  });
});
