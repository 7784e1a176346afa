import { describe, expect, it } from 'vitest';

import { fixtureMenuNames } from '../../test/support/fixtures.js';
import {
  buildOrderSnapshot,
  fixtureMenu,
  validFixtureInputs,
} from '../testing/order-snapshots.js';
import { verifyOrderSnapshot } from './verify-order.js';

describe('verifyOrderSnapshot', () => {
  it.each(fixtureMenuNames())('accepts every %s fixture order', (name) => {
    const menu = fixtureMenu(name);
    const inputs = validFixtureInputs(name);

    expect(inputs.length).toBeGreaterThan(0);
    inputs.forEach((input, position) => {
      const snapshot = buildOrderSnapshot(menu, input, {
        number: position + 1,
        businessDate: '2026-03-14',
      });
      expect(verifyOrderSnapshot(snapshot)).toBeUndefined();
    });
  });

  it('rejects a unit price that skips an option', () => {
    const snapshot = buildOrderSnapshot(
      fixtureMenu('taco-truck'),
      {
        lines: [
          { sku: 'TACO-HONGOS', quantity: 2, modifiers: ['SALSA-HABANERO'] },
        ],
        tender: { method: 'card' },
      },
      { number: 1, businessDate: '2026-03-14' },
    );
    snapshot.lines[0]!.unitPrice -= 25;

    expect(verifyOrderSnapshot(snapshot)).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'payload.lines.0.unitPrice',
    });
  });

  it('rejects a missing tax rate entry', () => {
    const snapshot = buildOrderSnapshot(
      fixtureMenu('taco-truck'),
      {
        lines: [{ sku: 'SIDE-ELOTE', quantity: 1 }],
        tender: { method: 'card' },
      },
      { number: 1, businessDate: '2026-03-14' },
    );
    snapshot.totals.taxByRate = {};

    expect(verifyOrderSnapshot(snapshot)).toMatchObject({
      field: 'payload.totals.taxByRate.nyc-sales',
    });
  });

  it('rejects cash given below the total', () => {
    const snapshot = buildOrderSnapshot(
      fixtureMenu('taco-truck'),
      {
        lines: [{ sku: 'SIDE-ELOTE', quantity: 1 }],
        tender: { method: 'cash' },
      },
      { number: 1, businessDate: '2026-03-14' },
    );
    snapshot.tender = { method: 'cash', cashGiven: 1 };
    snapshot.payment.cashGiven = 1;

    expect(verifyOrderSnapshot(snapshot)).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'payload.tender.cashGiven',
    });
  });

  it('rejects a payment amount off the total', () => {
    const snapshot = buildOrderSnapshot(
      fixtureMenu('taco-truck'),
      {
        lines: [{ sku: 'SIDE-ELOTE', quantity: 1 }],
        tender: { method: 'card' },
      },
      { number: 1, businessDate: '2026-03-14' },
    );
    snapshot.payment.amount += 100;

    expect(verifyOrderSnapshot(snapshot)).toMatchObject({
      field: 'payload.payment.amount',
    });
  });
});

describe('verifyOrderSnapshot rejections', () => {
  const eloteOrder = (method: 'card' | 'cash' = 'card') =>
    buildOrderSnapshot(
      fixtureMenu('taco-truck'),
      {
        lines: [{ sku: 'SIDE-ELOTE', quantity: 2 }],
        tender: { method },
      },
      { number: 7, businessDate: '2026-03-14' },
    );

  it('rejects a gross that is not quantity × unit price', () => {
    const snapshot = eloteOrder();
    const line = snapshot.lines[0]!;
    line.gross += 1;

    expect(verifyOrderSnapshot(snapshot)).toEqual({
      code: 'BAD_REQUEST',
      field: 'payload.lines.0.gross',
      message:
        `Line 1 (SIDE-ELOTE) has gross ${line.gross}, but ` +
        `2 × ${line.unitPrice} is ${line.unitPrice * 2}. ` +
        'The entry was not stored.',
    });
  });

  it('rejects a negative unit price that adds up', () => {
    const snapshot = eloteOrder();
    const line = snapshot.lines[0]!;
    line.basePrice = 100;
    line.modifiers = [
      { sku: 'X-REFUND', name: 'Refund', price: -200, groupId: 'extras' },
    ];
    line.unitPrice = -100;
    line.gross = -200;

    expect(verifyOrderSnapshot(snapshot)).toEqual({
      code: 'BAD_REQUEST',
      field: 'payload.lines.0.unitPrice',
      message:
        'Line 1 (SIDE-ELOTE) has a negative unit price. ' +
        'The entry was not stored.',
    });
  });

  it('rejects a tip whose sum is not a safe integer', () => {
    // Every entered value is within the terminal's limits, but a tip
    // percentage has no upper bound, so the total can still overflow.
    const snapshot = eloteOrder();
    const line = {
      ...snapshot.lines[0]!,
      quantity: 999,
      basePrice: 100_000_000,
      unitPrice: 100_000_000,
      gross: 99_900_000_000,
    };
    snapshot.lines = [line];
    snapshot.tip = { percent: '999999999' };

    expect(verifyOrderSnapshot(snapshot)).toEqual({
      code: 'BAD_REQUEST',
      field: 'payload.totals',
      message:
        'Order 7 adds up to an amount outside the safe integer range ' +
        `(±${Number.MAX_SAFE_INTEGER} minor units). The entry was not stored.`,
    });
  });

  it('raises an invalid tax rate instead of rejecting', () => {
    // The push schema accepts only decimal rates, so an invalid rate here
    // is a caller bug that must not pass as a rejected order.
    const snapshot = eloteOrder();
    snapshot.lines[0]!.taxes[0]!.rate = 'eight';

    expect(() => verifyOrderSnapshot(snapshot)).toThrow(
      'tax rate nyc-sales has an invalid rate eight',
    );
  });

  it('rejects a tax the lines do not carry', () => {
    const snapshot = eloteOrder();
    snapshot.totals.taxByRate['city-extra'] = 5;

    expect(verifyOrderSnapshot(snapshot)).toEqual({
      code: 'BAD_REQUEST',
      field: 'payload.totals.taxByRate.city-extra',
      message:
        'Tax "city-extra" is 5, but the lines carrying it add up to ' +
        'nothing. The entry was not stored.',
    });
  });

  it('rejects a payment method other than the tender', () => {
    const snapshot = eloteOrder();
    snapshot.payment.method = 'other';

    expect(verifyOrderSnapshot(snapshot)).toEqual({
      code: 'BAD_REQUEST',
      field: 'payload.payment.method',
      message:
        'Payment method other differs from tender card. ' +
        'The entry was not stored.',
    });
  });

  it.each([
    ['cash given', { cashGiven: 5000 }],
    ['change', { change: 1 }],
  ])('rejects a payment %s off the tender', (_, change) => {
    const snapshot = eloteOrder('cash');
    Object.assign(snapshot.payment, change);

    expect(verifyOrderSnapshot(snapshot)).toEqual({
      code: 'BAD_REQUEST',
      field: 'payload.payment',
      message:
        'Payment cash given and change differ from the tender and ' +
        'totals. The entry was not stored.',
    });
  });
});
