import { afterEach, describe, expect, it } from 'vitest';

import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from '../testing/test-core.js';

/**
 * The outbox as the sync loop reads and updates it, on a real terminal
 * database with orders taken through the local API.
 */
const opened: TerminalCore[] = [];

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
});

const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 1, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' },
};

interface OutboxRow {
  id: string;
  state: string;
  attempts: number;
  ackedAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** Opens a paired core whose clock the test sets before each order. */
function clockedCore() {
  let now = new Date('2026-06-01T16:00:00.000Z');
  const core = openTestCore({ now: () => now });
  opened.push(core);
  seedPairedTerminal(core);
  return {
    core,
    setClock: (iso: string) => {
      now = new Date(iso);
    },
  };
}

function outboxRows(core: TerminalCore): OutboxRow[] {
  return core.database.sqlite
    .prepare(
      `SELECT id, state, attempts, acked_at AS ackedAt,
         last_error_code AS errorCode, last_error_message AS errorMessage
       FROM outbox ORDER BY id`,
    )
    .all() as OutboxRow[];
}

/** Takes one order per timestamp and returns the order ids. */
async function takeOrders(
  core: TerminalCore,
  setClock: (iso: string) => void,
  times: string[],
): Promise<string[]> {
  const api = localCaller(core);
  const ids: string[] = [];
  for (const time of times) {
    setClock(time);
    ids.push((await api.orders.create(tacoOrder)).id);
  }
  return ids;
}

const times = [
  '2026-06-01T16:00:00.000Z',
  '2026-06-01T16:05:00.000Z',
  '2026-06-01T16:10:00.000Z',
];

describe('OutboxStore', () => {
  it('reads pending entries oldest first', async () => {
    const { core, setClock } = clockedCore();
    const orderIds = await takeOrders(core, setClock, times);
    const entryIds = outboxRows(core).map((row) => row.id);

    const batch = core.outbox.pendingBatch(2);

    expect(batch.map((entry) => entry.id)).toEqual(entryIds.slice(0, 2));
    expect(batch.map((entry) => entry.kind)).toEqual([
      'order.created',
      'order.created',
    ]);
    expect(batch.map((entry) => entry.createdAt)).toEqual(times.slice(0, 2));
    const payloads = batch.map(
      (entry) => entry.payload as { id: string; number: number },
    );
    expect(payloads.map((payload) => payload.id)).toEqual(orderIds.slice(0, 2));
    expect(payloads.map((payload) => payload.number)).toEqual([1, 2]);
    expect(core.outbox.pendingBatch(10)).toHaveLength(3);
  });

  it('has no oldest entry when empty', () => {
    const { core } = clockedCore();

    expect(core.outbox.oldestPendingAt()).toBeNull();
    expect(core.outbox.pendingBatch(10)).toEqual([]);
    expect(core.outbox.counts()).toEqual({
      pending: 0,
      acked: 0,
      rejected: 0,
    });
  });

  it('tracks the oldest pending entry', async () => {
    const { core, setClock } = clockedCore();
    await takeOrders(core, setClock, times);
    const [first, second, third] = outboxRows(core).map((row) => row.id);
    expect(core.outbox.oldestPendingAt()).toBe(times[0]);

    core.outbox.applyResults(
      [first!],
      [{ id: first!, status: 'stored' }],
      '2026-06-01T17:00:00.000Z',
    );
    expect(core.outbox.oldestPendingAt()).toBe(times[1]);

    core.outbox.applyResults(
      [second!, third!],
      [
        { id: second!, status: 'duplicate' },
        { id: third!, status: 'stored' },
      ],
      '2026-06-01T17:00:00.000Z',
    );
    expect(core.outbox.oldestPendingAt()).toBeNull();
  });

  it('applies each result once', async () => {
    const { core, setClock } = clockedCore();
    await takeOrders(core, setClock, times);
    const [storedId, rejectedId, unansweredId] = outboxRows(core).map(
      (row) => row.id,
    );
    const ackedAt = '2026-06-01T17:00:00.000Z';
    const notSentId = '0190a6d2-0000-7000-8000-00000000beef';

    const summary = core.outbox.applyResults(
      [storedId!, rejectedId!, unansweredId!],
      [
        { id: storedId!, status: 'stored' },
        {
          id: rejectedId!,
          status: 'rejected',
          error: { code: 'BAD_REQUEST', message: 'Order 2 is not valid.' },
        },
        // A second result for the same id, and a result for an id this
        // batch did not send, are both ignored.
        {
          id: storedId!,
          status: 'rejected',
          error: { code: 'CONFLICT', message: 'second result' },
        },
        { id: notSentId, status: 'stored' },
      ],
      ackedAt,
    );

    expect(summary).toEqual({ acked: 1, rejected: 1, unanswered: 1 });
    expect(outboxRows(core)).toEqual([
      {
        id: storedId,
        state: 'acked',
        attempts: 1,
        ackedAt,
        errorCode: null,
        errorMessage: null,
      },
      {
        id: rejectedId,
        state: 'rejected',
        attempts: 1,
        ackedAt: null,
        errorCode: 'BAD_REQUEST',
        errorMessage: 'Order 2 is not valid.',
      },
      {
        id: unansweredId,
        state: 'pending',
        attempts: 1,
        ackedAt: null,
        errorCode: null,
        errorMessage: null,
      },
    ]);
    expect(core.outbox.counts()).toEqual({
      pending: 1,
      acked: 1,
      rejected: 1,
    });
  });

  it('counts unanswered attempts', async () => {
    const { core, setClock } = clockedCore();
    await takeOrders(core, setClock, times.slice(0, 1));
    const [entryId] = outboxRows(core).map((row) => row.id);

    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(core.outbox.applyResults([entryId!], [], times[0]!)).toEqual({
        acked: 0,
        rejected: 0,
        unanswered: 1,
      });
    }

    expect(outboxRows(core)[0]).toMatchObject({
      state: 'pending',
      attempts: 3,
    });
    expect(core.outbox.pendingBatch(10).map((entry) => entry.id)).toEqual([
      entryId,
    ]);
  });

  it('leaves settled entries as they are', async () => {
    const { core, setClock } = clockedCore();
    await takeOrders(core, setClock, times.slice(0, 1));
    const [entryId] = outboxRows(core).map((row) => row.id);
    core.outbox.applyResults(
      [entryId!],
      [{ id: entryId!, status: 'stored' }],
      '2026-06-01T17:00:00.000Z',
    );

    // A late rejection of an acked entry, as from a retried request.
    core.outbox.applyResults(
      [entryId!],
      [
        {
          id: entryId!,
          status: 'rejected',
          error: { code: 'CONFLICT', message: 'late' },
        },
      ],
      '2026-06-01T17:05:00.000Z',
    );

    expect(outboxRows(core)[0]).toEqual({
      id: entryId,
      state: 'acked',
      attempts: 1,
      ackedAt: '2026-06-01T17:00:00.000Z',
      errorCode: null,
      errorMessage: null,
    });
  });
});
