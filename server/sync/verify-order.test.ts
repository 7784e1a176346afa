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
