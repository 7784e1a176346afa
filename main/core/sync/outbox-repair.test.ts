import { afterEach, describe, expect, it } from 'vitest';

import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from '../testing/test-core.js';
import { OutboxRepair } from './outbox-repair.js';

/**
 * Listing, retrying and queueing again outbox entries on a real terminal
 * database. Dismissal has its own file, outbox-dismissal.test.ts.
 */
const opened: TerminalCore[] = [];
const ackedAt = '2026-06-01T17:00:00.000Z';

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
});

// 450 subtotal (verde salsa is free), 40 tax at 8.875%: total 490.
const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 1, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' },
};

interface EntryRow {
  id: string;
  entityId: string;
  state: string;
  attempts: number;
  ackedAt: string | null;
}

function pairedCore(): { core: TerminalCore; repair: OutboxRepair } {
  const core = openTestCore({ now: () => new Date('2026-06-01T16:00:00Z') });
  opened.push(core);
  seedPairedTerminal(core);
  return { core, repair: new OutboxRepair(core.database.sqlite) };
}

async function takeOrders(core: TerminalCore, count: number) {
  const api = localCaller(core);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push((await api.orders.create(tacoOrder)).id);
  }
  return ids;
}

function entryOf(core: TerminalCore, orderId: string): EntryRow {
  return core.database.sqlite
    .prepare(
      `SELECT id, entity_id AS entityId, state, attempts, acked_at AS ackedAt
       FROM outbox WHERE entity_id = ?`,
    )
    .get(orderId) as EntryRow;
}

function ack(core: TerminalCore, entryId: string): void {
  core.outbox.applyResults(
    [entryId],
    [{ id: entryId, status: 'stored' }],
    ackedAt,
  );
}

function reject(core: TerminalCore, entryId: string): void {
  core.outbox.applyResults(
    [entryId],
    [
      {
        id: entryId,
        status: 'rejected',
        error: { code: 'NOT_FOUND', message: 'Staff member not found.' },
      },
    ],
    ackedAt,
  );
}

function errorOf(action: () => void) {
  try {
    action();
  } catch (error) {
    const { name, code, message, field } = error as {
      name: string;
      code: string;
      message: string;
      field?: string;
    };
    return { name, code, message, field };
  }
  throw new Error('expected the call to throw');
}

describe('OutboxRepair.requeueOrders', () => {
  it('queues an acked order under a new entry id', async () => {
    const { core, repair } = pairedCore();
    const [orderId] = await takeOrders(core, 1);
    const before = entryOf(core, orderId!);
    ack(core, before.id);

    expect(repair.requeueOrders([orderId!])).toBe(1);

    const after = entryOf(core, orderId!);
    expect(after.id).not.toBe(before.id);
    expect(after.id > before.id).toBe(true);
    expect(after.state).toBe('pending');
    expect(after.ackedAt).toBeNull();
    expect(after.attempts).toBe(1);
    const [entry] = core.outbox.pendingBatch(10);
    expect(entry!.id).toBe(after.id);
    expect((entry!.payload as { id: string }).id).toBe(orderId);
    expect(core.outbox.counts()).toEqual({
      pending: 1,
      acked: 0,
      rejected: 0,
    });
  });

  it('skips orders that are not acked', async () => {
    const { core, repair } = pairedCore();
    const [pendingOrder, rejectedOrder, ackedOrder] = await takeOrders(core, 3);
    const pendingEntry = entryOf(core, pendingOrder!);
    const rejectedEntry = entryOf(core, rejectedOrder!);
    reject(core, rejectedEntry.id);
    ack(core, entryOf(core, ackedOrder!).id);
    const unknownOrder = '0190a6d2-0000-7000-8000-00000000dead';

    expect(
      repair.requeueOrders([
        unknownOrder,
        pendingOrder!,
        rejectedOrder!,
        ackedOrder!,
      ]),
    ).toBe(1);

    expect(entryOf(core, pendingOrder!)).toEqual(pendingEntry);
    expect(entryOf(core, rejectedOrder!)).toEqual({
      ...rejectedEntry,
      state: 'rejected',
      attempts: 1,
    });
    expect(entryOf(core, ackedOrder!).state).toBe('pending');
  });

  it('returns zero for no orders', () => {
    const { repair } = pairedCore();

    expect(repair.requeueOrders([])).toBe(0);
  });
});

describe('OutboxRepair.unsynced', () => {
  it('lists pending and rejected entries with their orders', async () => {
    const { core, repair } = pairedCore();
    const [ackedOrder, rejectedOrder, pendingOrder] = await takeOrders(core, 3);
    ack(core, entryOf(core, ackedOrder!).id);
    const rejectedEntry = entryOf(core, rejectedOrder!);
    reject(core, rejectedEntry.id);
    const pendingEntry = entryOf(core, pendingOrder!);

    const entries = repair.unsynced();

    expect(entries.map((entry) => entry.id)).toEqual([
      rejectedEntry.id,
      pendingEntry.id,
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'order.created',
      entityId: rejectedOrder,
      state: 'rejected',
      attempts: 1,
      errorCode: 'NOT_FOUND',
      errorMessage: 'Staff member not found.',
      dismissal: null,
      orderNumber: 2,
    });
    expect(entries[0]!.createdAt).toBe('2026-06-01T16:00:00.000Z');
    expect(entries[1]).toMatchObject({
      entityId: pendingOrder,
      state: 'pending',
      attempts: 0,
      errorCode: null,
      errorMessage: null,
      dismissal: null,
      orderNumber: 3,
    });
    const payload = entries[1]!.payload as { id: string; totals: object };
    expect(payload.id).toBe(pendingOrder);
    expect(payload.totals).toMatchObject({
      subtotal: 450,
      tax: 40,
      total: 490,
    });
  });
});

describe('OutboxRepair.retryRejected', () => {
  it('queues a rejected entry again unchanged', async () => {
    const { core, repair } = pairedCore();
    const [orderId] = await takeOrders(core, 1);
    const { id: entryId } = entryOf(core, orderId!);
    reject(core, entryId);

    repair.retryRejected(entryId);

    expect(entryOf(core, orderId!)).toEqual({
      id: entryId,
      entityId: orderId,
      state: 'pending',
      attempts: 1,
      ackedAt: null,
    });
    expect(core.outbox.pendingBatch(10).map((entry) => entry.id)).toEqual([
      entryId,
    ]);
  });

  it('rejects unknown and acked entries', async () => {
    const { core, repair } = pairedCore();
    const [orderId] = await takeOrders(core, 1);
    const { id: entryId } = entryOf(core, orderId!);
    ack(core, entryId);
    const unknownEntry = '0190a6d2-0000-7000-8000-00000000f00d';

    expect(errorOf(() => repair.retryRejected(unknownEntry))).toEqual({
      name: 'GalleyError',
      code: 'NOT_FOUND',
      message: `Outbox entry ${unknownEntry} not found. List the rejected entries in support.status and use one of their ids.`,
      field: 'entryId',
    });
    expect(errorOf(() => repair.retryRejected(entryId))).toEqual({
      name: 'GalleyError',
      code: 'CONFLICT',
      message: `Outbox entry ${entryId} is acked, not rejected, so there is nothing to retry.`,
      field: 'entryId',
    });
    expect(entryOf(core, orderId!).state).toBe('acked');
  });
});
