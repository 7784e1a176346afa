import { afterEach, describe, expect, it } from 'vitest';

import { menuSchema } from '../../../shared/menu.js';
import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import { storeMenu } from '../db/menu-store.js';
import { updateSettings } from '../db/settings-store.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  tableCounts,
} from '../testing/test-core.js';
import { seedStaff, testStaff } from '../testing/staff-fixture.js';
import { discountExceedsLimit } from './permissions.js';

/**
 * Permissions, voids, refunds, sold-out marks, menu versions and the
 * business-day cut-off at the counter, without a server.
 */
const opened: TerminalCore[] = [];
// 16:00 UTC is 12:00 in New York, the seeded truck's zone.
let clock = new Date('2026-06-01T16:00:00Z');

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
  clock = new Date('2026-06-01T16:00:00Z');
});

function staffCore(): TerminalCore {
  const core = openTestCore({ now: () => clock });
  opened.push(core);
  seedPairedTerminal(core);
  seedStaff(core);
  return core;
}

// 2 × 450 + 2 × 75 = 1050 subtotal, 93 tax: total 1143.
const tacoOrder = {
  lines: [
    { sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE', 'X-CHEESE'] },
  ],
  tender: { method: 'card' },
};

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { code, message, cause } = error as {
      code: string;
      message: string;
      cause?: { field?: string };
    };
    return { code, message, field: cause?.field };
  }
  throw new Error('expected the call to fail');
}

function outboxKinds(core: TerminalCore): string[] {
  return core.outbox.pendingBatch(50).map((entry) => entry.kind);
}

describe('voids', () => {
  it('rejects a staff PIN and changes nothing', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const { id } = await api.orders.create(tacoOrder);
    const before = tableCounts(core);

    const signedIn = await rejection(
      api.orders.void({ orderId: id, reason: 'wrong item' }),
    );
    expect(signedIn.code).toBe('FORBIDDEN');
    expect(signedIn.message).toBe(
      'A manager must approve voids. Enter a manager PIN.',
    );

    const staffApproval = await rejection(
      api.orders.void({
        orderId: id,
        reason: 'wrong item',
        approvalPin: testStaff.cashier.pin,
      }),
    );
    expect(staffApproval.code).toBe('FORBIDDEN');
    expect(tableCounts(core)).toEqual(before);
    expect(outboxKinds(core)).toEqual(['order.created']);
  });

  it('accepts a manager PIN as approval', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const { id } = await api.orders.create(tacoOrder);

    const voided = await api.orders.void({
      orderId: id,
      reason: 'wrong item',
      approvalPin: testStaff.manager.pin,
    });
    expect(voided.approvedBy).toBe(testStaff.manager.id);
    expect((await api.session.current()).staff?.id).toBe(testStaff.cashier.id);

    const entry = core.outbox.pendingBatch(50)[1]!;
    expect(entry.kind).toBe('order.voided');
    expect(entry.payload).toEqual({
      orderId: id,
      reason: 'wrong item',
      staffId: testStaff.cashier.id,
      approvedBy: testStaff.manager.id,
      voidedAt: '2026-06-01T16:00:00.000Z',
    });
    const [summary] = await api.orders.list();
    expect(summary!.voided).toBe(true);

    const again = await rejection(
      api.orders.void({ orderId: id, reason: 'twice' }),
    );
    expect(again.code).toBe('FORBIDDEN');
  });

  it('lets a signed-in manager void', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const { id } = await api.orders.create(tacoOrder);
    const voided = await api.orders.void({ orderId: id, reason: 'test' });
    expect(voided.approvedBy).toBe(testStaff.manager.id);

    const twice = await rejection(
      api.orders.void({ orderId: id, reason: 'test' }),
    );
    expect(twice.code).toBe('CONFLICT');
  });

  it('rejects an unknown order', async () => {
    const api = localCaller(staffCore());
    await api.session.signIn({ pin: testStaff.manager.pin });
    const error = await rejection(
      api.orders.void({
        orderId: '0190a6d2-0000-7000-8000-0000000000ff',
        reason: 'test',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.field).toBe('orderId');
  });
});

describe('refunds', () => {
  it('rejects a staff PIN and accepts a manager PIN', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const { id } = await api.orders.create(tacoOrder);

    const refused = await rejection(
      api.orders.refund({ orderId: id, amount: 500, reason: 'cold' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe(
      'A manager must approve refunds. Enter a manager PIN.',
    );
    expect(tableCounts(core).outbox).toBe(1);

    const refunded = await api.orders.refund({
      orderId: id,
      amount: 500,
      reason: 'cold',
      approvalPin: testStaff.manager.pin,
    });
    expect(refunded.amount).toBe(500);
    expect(refunded.refundedTotal).toBe(500);
    expect(refunded.approvedBy).toBe(testStaff.manager.id);

    const entry = core.outbox.pendingBatch(50)[1]!;
    expect(entry.kind).toBe('order.refunded');
    expect(entry.payload).toMatchObject({
      orderId: id,
      amount: 500,
      method: 'card',
      staffId: testStaff.cashier.id,
      approvedBy: testStaff.manager.id,
    });
  });

  it('caps refunds at the total minus earlier refunds', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.owner.pin });
    const { id, totals } = await api.orders.create(tacoOrder);
    expect(totals.total).toBe(1143);

    await api.orders.refund({ orderId: id, amount: 1000, reason: 'cold' });
    const over = await rejection(
      api.orders.refund({ orderId: id, amount: 144, reason: 'cold' }),
    );
    expect(over.code).toBe('BAD_REQUEST');
    expect(over.field).toBe('amount');
    expect(over.message).toContain('Enter at most 143');

    const rest = await api.orders.refund({
      orderId: id,
      amount: 143,
      reason: 'cold',
    });
    expect(rest.refundedTotal).toBe(1143);

    const voidAfterRefund = await rejection(
      api.orders.void({ orderId: id, reason: 'late' }),
    );
    expect(voidAfterRefund.code).toBe('CONFLICT');

    const [summary] = await api.orders.list();
    expect(summary!.refundedTotal).toBe(1143);
    expect(summary!.voided).toBe(false);
  });

  it('counts voids and refunds in the daily report', async () => {
    const api = localCaller(staffCore());
    await api.session.signIn({ pin: testStaff.manager.pin });
    const first = await api.orders.create(tacoOrder);
    const second = await api.orders.create(tacoOrder);
    await api.orders.void({ orderId: first.id, reason: 'test' });
    await api.orders.refund({
      orderId: second.id,
      amount: 200,
      reason: 'cold',
    });

    const report = await api.reports.daily({ date: '2026-06-01' });
    expect(report.orders).toBe(1);
    expect(report.total).toBe(1143);
    expect(report.voids).toEqual({ orders: 1, total: 1143 });
    expect(report.refunds).toEqual({
      count: 1,
      total: 200,
      byTender: { cash: 0, card: 200, other: 0 },
    });
    expect(report.net).toBe(943);
  });
});

describe('discount approval', () => {
  const discounted = (discount: unknown) => ({ ...tacoOrder, discount });

  it('needs a manager above the limit', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });

    const atLimit = await api.orders.create(discounted({ percent: '10' }));
    expect(atLimit.totals.discount).toBe(105);

    const above = await rejection(
      api.orders.create(discounted({ percent: '10.5' })),
    );
    expect(above.code).toBe('FORBIDDEN');
    expect(above.message).toBe(
      'A manager must approve discounts above 10%. Enter a manager PIN.',
    );
    const amountAbove = await rejection(
      api.orders.create(discounted({ amount: 106 })),
    );
    expect(amountAbove.code).toBe('FORBIDDEN');
    expect(tableCounts(core).orders).toBe(1);

    const approved = await api.orders.create({
      ...discounted({ percent: '50' }),
      approvalPin: testStaff.manager.pin,
    });
    expect(approved.totals.discount).toBe(525);
    const row = core.database.sqlite
      .prepare(
        'SELECT discount_approved_by AS approvedBy FROM orders WHERE id = ?',
      )
      .get(approved.id) as { approvedBy: string };
    expect(row.approvedBy).toBe(testStaff.manager.id);
  });

  it('compares percentages exactly', () => {
    expect(discountExceedsLimit({ percent: '10' }, 1000, '10')).toBe(false);
    expect(discountExceedsLimit({ percent: '10.000000001' }, 1000, '10')).toBe(
      true,
    );
    expect(discountExceedsLimit({ amount: 100 }, 1000, '10')).toBe(false);
    expect(discountExceedsLimit({ amount: 101 }, 1000, '10')).toBe(true);
    expect(discountExceedsLimit({ amount: 125 }, 1000, '12.5')).toBe(false);
    expect(discountExceedsLimit(undefined, 1000, '0')).toBe(false);
  });
});

describe('sold-out marks', () => {
  it('rejects an order with a sold-out item, by name', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const marks = await api.availability.set({
      sku: 'TACO-ASADA',
      target: 'item',
      soldOut: true,
    });
    expect(marks).toEqual([
      {
        sku: 'TACO-ASADA',
        target: 'item',
        soldOut: true,
        changedAt: '2026-06-01T16:00:00.000Z',
        staffId: testStaff.cashier.id,
      },
    ]);
    expect(outboxKinds(core)).toEqual(['availability.changed']);

    const error = await rejection(api.orders.create(tacoOrder));
    expect(error.code).toBe('CONFLICT');
    expect(error.field).toBe('lines[0].sku');
    expect(error.message).toBe(
      'Carne asada taco (TACO-ASADA) is sold out. Remove it from the order, or mark it available again.',
    );
    expect(tableCounts(core).orders).toBe(0);
  });

  it('rejects a sold-out option', async () => {
    const api = localCaller(staffCore());
    await api.session.signIn({ pin: testStaff.cashier.pin });
    await api.availability.set({
      sku: 'X-CHEESE',
      target: 'option',
      soldOut: true,
    });
    const error = await rejection(api.orders.create(tacoOrder));
    expect(error.field).toBe('lines[0].modifiers[1]');
  });

  it('clears at the next business day unless until says otherwise', async () => {
    const api = localCaller(staffCore());
    await api.session.signIn({ pin: testStaff.cashier.pin });
    await api.availability.set({
      sku: 'TACO-ASADA',
      target: 'item',
      soldOut: true,
    });
    await api.availability.set({
      sku: 'SIDE-ELOTE',
      target: 'item',
      soldOut: true,
      until: null,
    });
    await api.availability.set({
      sku: 'SIDE-CHIPS',
      target: 'item',
      soldOut: true,
      until: '2026-06-02',
    });

    // 05:00 UTC on 2 June is 01:00 on 2 June in New York: the next day.
    clock = new Date('2026-06-02T05:00:00Z');
    const nextDay = (await api.availability.list()).map((mark) => mark.sku);
    expect(nextDay).toEqual(['SIDE-CHIPS', 'SIDE-ELOTE']);

    clock = new Date('2026-06-03T16:00:00Z');
    const later = (await api.availability.list()).map((mark) => mark.sku);
    expect(later).toEqual(['SIDE-ELOTE']);
  });

  it('rejects a SKU that is not on the menu', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const error = await rejection(
      api.availability.set({
        sku: 'TACO-ASADA',
        target: 'option',
        soldOut: true,
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.field).toBe('sku');
    expect(tableCounts(core).outbox).toBe(0);
  });

  it('merges pulled marks by changedAt', () => {
    const core = staffCore();
    core.counter.availability.record({
      sku: 'TACO-ASADA',
      target: 'item',
      soldOut: true,
      changedAt: '2026-06-01T15:00:00.000Z',
      staffId: testStaff.cashier.id,
    });
    const pulled = (soldOut: boolean, changedAt: string) => ({
      sku: 'TACO-ASADA',
      target: 'item' as const,
      soldOut,
      changedAt,
      staffId: null,
      active: soldOut,
    });

    expect(
      core.counter.availability.mergePulled([
        pulled(false, '2026-06-01T14:00:00.000Z'),
      ]),
    ).toBe(0);
    expect(core.counter.soldOut().map((mark) => mark.sku)).toEqual([
      'TACO-ASADA',
    ]);

    expect(
      core.counter.availability.mergePulled([
        pulled(false, '2026-06-01T15:30:00.000Z'),
      ]),
    ).toBe(1);
    expect(core.counter.soldOut()).toEqual([]);
  });

  it('requires staff to set a mark', async () => {
    const core = openTestCore({ now: () => clock });
    opened.push(core);
    seedPairedTerminal(core);
    const error = await rejection(
      localCaller(core).availability.set({
        sku: 'TACO-ASADA',
        target: 'item',
        soldOut: true,
      }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
  });
});

describe('menu versions', () => {
  it('prices a ticket with the version it was started on', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });

    const raised = menuSchema.parse(loadFixtureMenu('taco-truck'));
    raised.categories[0]!.items[0]!.price = 500;
    storeMenu(core.database.db, 2, raised, clock.toISOString());
    core.reloadOrderContext();
    expect((await api.menu.current())?.version).toBe(2);

    const onOld = await api.orders.create({ ...tacoOrder, menuVersion: 1 });
    expect(onOld.totals.subtotal).toBe(1050);
    const onNew = await api.orders.create(tacoOrder);
    expect(onNew.totals.subtotal).toBe(1150);

    const [snapshot] = core.outbox.pendingBatch(1);
    expect(snapshot!.payload).toMatchObject({ menuVersion: 1 });

    const unknown = await rejection(
      api.orders.create({ ...tacoOrder, menuVersion: 9 }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.field).toBe('menuVersion');
  });
});

describe('business-day cut-off', () => {
  it('keeps orders before 04:00 on the previous date', async () => {
    const core = staffCore();
    updateSettings(core.database.db, { truckBusinessDayCutoff: '04:00' });
    core.reloadOrderContext();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });

    // 23:30 on 1 June, then 01:30 and 03:59 on 2 June, New York time.
    clock = new Date('2026-06-02T03:30:00Z');
    const evening = await api.orders.create(tacoOrder);
    clock = new Date('2026-06-02T05:30:00Z');
    const lateNight = await api.orders.create(tacoOrder);
    clock = new Date('2026-06-02T07:59:00Z');
    const beforeCutoff = await api.orders.create(tacoOrder);
    // 04:00 on 2 June starts the new business day, and numbering restarts.
    clock = new Date('2026-06-02T08:00:00Z');
    const morning = await api.orders.create(tacoOrder);

    expect(
      [evening, lateNight, beforeCutoff, morning].map((o) => o.number),
    ).toEqual([1, 2, 3, 1]);
    const dates = core.database.sqlite
      .prepare('SELECT business_date AS date FROM orders ORDER BY created_at')
      .all() as { date: string }[];
    expect(dates.map((row) => row.date)).toEqual([
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      '2026-06-02',
    ]);
  });
});
