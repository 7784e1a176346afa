import { gunzipSync } from 'node:zlib';

import { afterEach, describe, expect, it } from 'vitest';

import { buildDiagnosticsArchive } from '../diagnostics/archive.js';
import type { DiagnosticsBundle } from '../diagnostics/diagnostics.js';
import { readTar } from '../diagnostics/tar.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from '../testing/test-core.js';
import { seedStaff, testStaff } from '../testing/staff-fixture.js';

/**
 * A manager dismissing an entry the server rejected, on a real terminal
 * database: who may, what stays, what is no longer sent or counted, and
 * what the diagnostics archive and reset make of it.
 */
const opened: TerminalCore[] = [];
const clock = new Date('2026-06-01T16:00:00Z');
const reason = 'snapshot corrupted, rung again as 7';

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
});

// 2 × 450 + 2 × 75 = 1050 subtotal, 93 tax: total 1143.
const tacoOrder = {
  lines: [
    { sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE', 'X-CHEESE'] },
  ],
  tender: { method: 'card' },
};

function staffCore(): TerminalCore {
  const core = openTestCore({ now: () => clock });
  opened.push(core);
  seedPairedTerminal(core);
  seedStaff(core);
  return core;
}

function entryOf(core: TerminalCore, orderId: string): string {
  return (
    core.database.sqlite
      .prepare(`SELECT id FROM outbox WHERE entity_id = ?`)
      .get(orderId) as { id: string }
  ).id;
}

/** Applies a push result that rejects one entry, as a sync cycle would. */
function rejectEntry(core: TerminalCore, entryId: string): void {
  core.outbox.applyResults(
    [entryId],
    [
      {
        id: entryId,
        status: 'rejected',
        error: {
          code: 'BAD_REQUEST',
          message: 'Order 1 has total 1144, but its lines add up to 1143.',
          field: 'payload.totals.total',
        },
      },
    ],
    clock.toISOString(),
  );
}

async function failureOf(promise: Promise<unknown>) {
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

describe('dismissing a rejected entry', () => {
  it('needs a manager PIN from staff', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const { id: orderId } = await api.orders.create(tacoOrder);
    const entryId = entryOf(core, orderId);
    rejectEntry(core, entryId);

    expect(
      await failureOf(api.sync.dismissRejected({ entryId, reason })),
    ).toEqual({
      code: 'FORBIDDEN',
      message:
        'A manager must approve dismissing an entry the server rejected. Enter a manager PIN.',
      field: 'approvalPin',
    });
    expect(
      await failureOf(
        api.sync.dismissRejected({
          entryId,
          reason,
          approvalPin: testStaff.cashier.pin,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', field: 'approvalPin' });
    expect(core.support.status().rejected.map((entry) => entry.id)).toEqual([
      entryId,
    ]);

    const status = await api.sync.dismissRejected({
      entryId,
      reason,
      approvalPin: testStaff.manager.pin,
    });
    expect(status.rejected).toEqual([]);
    expect(status.dismissed).toHaveLength(1);
    expect(status.dismissed[0]).toMatchObject({
      id: entryId,
      state: 'dismissed',
      orderNumber: 1,
      errorMessage: 'Order 1 has total 1144, but its lines add up to 1143.',
      dismissal: {
        by: testStaff.manager.id,
        at: clock.toISOString(),
        reason,
      },
    });
  });

  it('needs no PIN from a manager', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const { id: orderId } = await api.orders.create(tacoOrder);
    const entryId = entryOf(core, orderId);
    rejectEntry(core, entryId);

    const status = await api.sync.dismissRejected({ entryId, reason });
    expect(status.dismissed[0]!.dismissal!.by).toBe(testStaff.manager.id);
  });

  it('rejects missing and pending entries', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const { id: orderId } = await api.orders.create(tacoOrder);
    const entryId = entryOf(core, orderId);

    expect(
      await failureOf(
        api.sync.dismissRejected({
          entryId: '0190a6d2-0000-7000-8000-00000000ffff',
          reason,
        }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^Outbox entry .* not found\./),
      field: 'entryId',
    });
    expect(
      await failureOf(api.sync.dismissRejected({ entryId, reason })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: `Outbox entry ${entryId} is pending, not rejected, so there is nothing to dismiss.`,
    });
    expect(
      await failureOf(api.sync.dismissRejected({ entryId, reason: '  ' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('keeps the entry, unsent and uncounted', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const dismissedOrder = (await api.orders.create(tacoOrder)).id;
    const keptOrder = (await api.orders.create(tacoOrder)).id;
    const entryId = entryOf(core, dismissedOrder);
    rejectEntry(core, entryId);
    const before = await api.reports.daily({ date: '2026-06-01' });
    await api.sync.dismissRejected({ entryId, reason });

    expect(core.outbox.pendingBatch(100).map((entry) => entry.id)).toEqual([
      entryOf(core, keptOrder),
    ]);
    expect(core.outbox.counts()).toEqual({
      pending: 1,
      acked: 0,
      rejected: 0,
    });
    expect(await failureOf(api.sync.retryRejected({ entryId }))).toMatchObject({
      code: 'CONFLICT',
      message: `Outbox entry ${entryId} is dismissed, not rejected, so there is nothing to retry.`,
    });

    // The database itself keeps a dismissed entry as it is.
    const sqlite = core.database.sqlite;
    expect(() =>
      sqlite
        .prepare(`UPDATE outbox SET state = 'pending' WHERE id = ?`)
        .run(entryId),
    ).toThrow('a dismissed outbox entry is final');
    expect(() =>
      sqlite.prepare(`DELETE FROM outbox WHERE id = ?`).run(entryId),
    ).toThrow('outbox entries are kept until the server acks them');
    expect(() =>
      sqlite.prepare(`DELETE FROM orders WHERE id = ?`).run(dismissedOrder),
    ).toThrow('orders are kept until the server acks them');

    const listed = await api.orders.list({ date: '2026-06-01' });
    const dismissed = listed.find((order) => order.id === dismissedOrder)!;
    expect(dismissed.syncState).toBe('dismissed');
    expect(dismissed.syncError).toBe(
      'Order 1 has total 1144, but its lines add up to 1143.',
    );
    const after = await api.reports.daily({ date: '2026-06-01' });
    expect(before.orders).toBe(2);
    expect(after.orders).toBe(1);
    expect(after.total).toBe(before.total - 1143);
  });

  it('lists dismissals without the reason', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const dismissedOrder = (await api.orders.create(tacoOrder)).id;
    const pendingOrder = (await api.orders.create(tacoOrder)).id;
    const entryId = entryOf(core, dismissedOrder);
    rejectEntry(core, entryId);
    await api.sync.dismissRejected({
      entryId,
      reason: 'Customer Jane Q. Example disputed it',
    });

    const { archive } = buildDiagnosticsArchive(core.dataDir, { now: clock });
    const files = readTar(gunzipSync(archive));
    for (const file of files) {
      expect(file.data.toString('utf8')).not.toContain('Jane Q. Example');
    }
    const bundle = JSON.parse(
      files.find((file) => file.name === 'diagnostics.json')!.data.toString(),
    ) as DiagnosticsBundle;
    expect(bundle.sync.dismissedEntries).toEqual([
      {
        id: entryId,
        kind: 'order.created',
        entityId: dismissedOrder,
        errorMessage: 'Order 1 has total 1144, but its lines add up to 1143.',
        dismissedAt: clock.toISOString(),
        dismissedBy: testStaff.manager.id,
      },
    ]);
    const unsynced = JSON.parse(
      files
        .find((file) => file.name === 'unsynced-orders.json')!
        .data.toString(),
    ) as { entries: { id: string }[] };
    expect(unsynced.entries.map((entry) => entry.id)).toEqual([
      entryOf(core, pendingOrder),
    ]);
  });

  it('takes voids and refunds along', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const dismissedOrder = (await api.orders.create(tacoOrder)).id;
    const keptOrder = (await api.orders.create(tacoOrder)).id;
    await api.orders.refund({
      orderId: dismissedOrder,
      amount: 100,
      reason: 'cold',
    });
    await api.orders.refund({ orderId: keptOrder, amount: 43, reason: 'late' });
    const entries = () =>
      core.database.sqlite
        .prepare(
          `SELECT id, kind, entity_id AS entityId, state FROM outbox ORDER BY id`,
        )
        .all() as {
        id: string;
        kind: string;
        entityId: string;
        state: string;
      }[];
    const refundEntry = entries().find(
      (entry) =>
        entry.kind === 'order.refunded' && entry.entityId === dismissedOrder,
    )!;
    rejectEntry(core, entryOf(core, dismissedOrder));
    rejectEntry(core, refundEntry.id);

    expect(
      await failureOf(
        api.sync.dismissRejected({ entryId: refundEntry.id, reason }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      message:
        `Outbox entry ${refundEntry.id} is a refund, and only a rejected order can be dismissed. ` +
        'Retry it once the cause is fixed on the server; dismissing its order also dismisses it.',
      field: 'entryId',
    });

    await api.sync.dismissRejected({
      entryId: entryOf(core, dismissedOrder),
      reason,
    });
    expect(
      entries().map((entry) => [entry.kind, entry.entityId, entry.state]),
    ).toEqual([
      ['order.created', dismissedOrder, 'dismissed'],
      ['order.created', keptOrder, 'pending'],
      ['order.refunded', dismissedOrder, 'dismissed'],
      ['order.refunded', keptOrder, 'pending'],
    ]);

    // The day counts the kept order and its refund only.
    const report = await api.reports.daily({ date: '2026-06-01' });
    expect(report.orders).toBe(1);
    expect(report.total).toBe(1143);
    expect(report.refunds).toEqual({
      count: 1,
      total: 43,
      byTender: { cash: 0, card: 43, other: 0 },
    });

    for (const change of [
      api.orders.refund({ orderId: dismissedOrder, amount: 1, reason }),
      api.orders.void({ orderId: dismissedOrder, reason }),
    ]) {
      expect(await failureOf(change)).toEqual({
        code: 'CONFLICT',
        message:
          'Order 1 was dismissed by a manager after the server rejected it, so it cannot be voided or refunded. It counts nowhere already.',
        field: 'orderId',
      });
    }
  });

  it('rejects dismissal without staff', async () => {
    const core = openTestCore({ now: () => clock });
    opened.push(core);
    seedPairedTerminal(core);
    const api = localCaller(core);
    const { id: orderId } = await api.orders.create(tacoOrder);
    const entryId = entryOf(core, orderId);
    rejectEntry(core, entryId);

    expect(
      await failureOf(api.sync.dismissRejected({ entryId, reason })),
    ).toEqual({
      code: 'PRECONDITION_FAILED',
      message:
        'No staff on this terminal, so no manager can approve dismissing. The owner adds a manager in the back office, and the next sync brings them here.',
      field: 'approvalPin',
    });
    expect(core.support.status().rejected).toHaveLength(1);
  });

  it('allows unpair, rejects reset', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.manager.pin });
    const { id: orderId } = await api.orders.create(tacoOrder);
    const entryId = entryOf(core, orderId);
    rejectEntry(core, entryId);
    await api.sync.dismissRejected({ entryId, reason });

    expect(await failureOf(api.setup.reset())).toEqual({
      code: 'CONFLICT',
      message:
        'Cannot reset this terminal: 1 outbox entries were dismissed by a manager and their only ' +
        'record is this database. Keep a copy of the data folder, then start the app with a new ' +
        'data folder instead of resetting this one.',
      field: undefined,
    });
    const setup = await api.setup.unpair();
    expect(setup.paired).toBe(false);
    expect(
      core.database.sqlite.prepare('SELECT count(*) AS n FROM orders').get(),
    ).toEqual({ n: 1 });
  });
});
