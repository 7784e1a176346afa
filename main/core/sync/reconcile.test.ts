import { sql, type SQL } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The test runs the real server in process. The core itself still imports
// only types from server/, which is what the lint rule guards.
// eslint-disable-next-line no-restricted-imports
import {
  signUpOwner,
  startTestServer,
  type TestServer,
} from '../../../server/testing/test-server.js';
import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import { readSettings } from '../db/settings-store.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from '../testing/test-core.js';
import { OutboxRepair } from './outbox-repair.js';
import { Reconciler } from './reconcile.js';
import { createServerClient } from './server-client.js';

/**
 * Reconciliation of a terminal's synced orders with the server's. The
 * terminal is paired with the real server, in process on the local
 * PostgreSQL and listening on a loopback port. The tests change the
 * server's orders behind the terminal's back, as a restore from an older
 * backup would.
 */
const opened: TerminalCore[] = [];

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
const orderTotal = 490;
const orderTime = new Date('2026-06-01T16:00:00.000Z');
const orderDate = '2026-06-01';

function reconcilerOf(core: TerminalCore): Reconciler {
  const { sqlite } = core.database;
  return new Reconciler(sqlite, new OutboxRepair(sqlite));
}

async function takeOrders(core: TerminalCore, count: number) {
  const api = localCaller(core);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push((await api.orders.create(tacoOrder)).id);
  }
  return ids;
}

describe('Reconciler against the server', () => {
  let test: TestServer;
  let serverUrl: string;
  let ownerToken: string;

  beforeAll(async () => {
    test = await startTestServer('postgres');
    serverUrl = await test.server.listen(0, '127.0.0.1');
    ownerToken = (await signUpOwner(test, 'Reconciled Tacos')).token;
  });
  afterAll(() => test?.close());

  /** Creates a truck with the taco menu and pairs a new core with it. */
  async function pairedCore(): Promise<TerminalCore> {
    const { truckId, pairingCode } = await test.ok<{
      truckId: string;
      pairingCode: string;
    }>(
      'mutation',
      'trucks.create',
      { name: 'Taco truck', timezone: 'America/New_York' },
      ownerToken,
    );
    await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: loadFixtureMenu('taco-truck') },
      ownerToken,
    );
    // A fixed clock keeps every order and today() on one business day.
    const core = openTestCore({ serverUrl, now: () => orderTime });
    opened.push(core);
    await localCaller(core).setup.pair({ pairingCode });
    return core;
  }

  function clientOf(core: TerminalCore) {
    const { deviceToken } = readSettings(core.database.db);
    return createServerClient({ serverUrl, deviceToken });
  }

  /** Runs SQL on the server's database and returns the ids it selects. */
  async function idsFromServer(query: SQL): Promise<string[]> {
    const result = (await test.server.database.db.execute(query)) as {
      rows: { id: string }[];
    };
    return result.rows.map((row) => row.id);
  }

  function serverOrderIds(): Promise<string[]> {
    return idsFromServer(sql`SELECT id FROM orders ORDER BY id`);
  }

  /** Deletes an order on the server, as a restore from an old backup would. */
  async function loseOnServer(orderId: string): Promise<void> {
    const { db } = test.server.database;
    await db.execute(sql`DELETE FROM order_lines WHERE order_id = ${orderId}`);
    await db.execute(sql`DELETE FROM orders WHERE id = ${orderId}`);
  }

  /** Copies an order on the server under a new id and number 9999. */
  async function copyOnServer(orderId: string): Promise<string> {
    const [id] = await idsFromServer(
      sql`INSERT INTO orders (id, truck_id, device_id, number, business_date,
            created_at, currency, subtotal, discount, tax, tax_by_rate, tip,
            rounding, total, change, tender_method, snapshot)
          SELECT gen_random_uuid(), truck_id, device_id, 9999, business_date,
            created_at, currency, subtotal, discount, tax, tax_by_rate, tip,
            rounding, total, change, tender_method, snapshot
          FROM orders WHERE id = ${orderId} RETURNING id`,
    );
    return id!;
  }

  it('reconciles after a sync', async () => {
    const core = await pairedCore();
    await takeOrders(core, 3);
    await core.sync.syncNow();

    const status = await localCaller(core).sync.status();

    expect(status.pending).toBe(0);
    expect(status.reconciliation?.state).toBe('reconciled');
    expect(status.reconciliation?.days).toEqual([
      {
        businessDate: orderDate,
        reconciled: true,
        terminal: { count: 3, total: 3 * orderTotal },
        server: { count: 3, total: 3 * orderTotal },
        missingOnServer: [],
        extraOnServer: [],
      },
    ]);
  });

  it('leaves pending orders out', async () => {
    const core = await pairedCore();
    await takeOrders(core, 2);
    await core.sync.syncNow();
    await takeOrders(core, 1);
    const checkedAt = new Date('2026-06-01T17:00:00.000Z');

    const { reconciliation, requeued } = await reconcilerOf(core).run(
      clientOf(core),
      [orderDate],
      () => checkedAt,
    );

    expect(requeued).toBe(0);
    expect(reconciliation).toEqual({
      checkedAt: '2026-06-01T17:00:00.000Z',
      state: 'reconciled',
      days: [
        {
          businessDate: orderDate,
          reconciled: true,
          terminal: { count: 2, total: 2 * orderTotal },
          server: { count: 2, total: 2 * orderTotal },
          missingOnServer: [],
          extraOnServer: [],
        },
      ],
    });
    expect(core.outbox.counts()).toEqual({
      pending: 1,
      acked: 2,
      rejected: 0,
    });
  });

  it('pushes lost orders again and reports extra ones', async () => {
    const core = await pairedCore();
    const orderIds = await takeOrders(core, 3);
    await core.sync.syncNow();
    const lostId = orderIds[1]!;
    await loseOnServer(lostId);
    const extraId = await copyOnServer(orderIds[0]!);
    const checkedAt = new Date('2026-06-01T17:00:00.000Z');

    // Count and total still agree on both sides, so only the digest of
    // the order ids shows the difference.
    const { reconciliation, requeued } = await reconcilerOf(core).run(
      clientOf(core),
      [orderDate],
      () => checkedAt,
    );

    expect(requeued).toBe(1);
    expect(reconciliation).toEqual({
      checkedAt: '2026-06-01T17:00:00.000Z',
      state: 'differs',
      days: [
        {
          businessDate: orderDate,
          reconciled: false,
          terminal: { count: 3, total: 3 * orderTotal },
          server: { count: 3, total: 3 * orderTotal },
          missingOnServer: [{ id: lostId, number: 2 }],
          extraOnServer: [{ id: extraId, number: 9999, total: orderTotal }],
        },
      ],
    });
    const pending = core.outbox.pendingBatch(10);
    expect(pending).toHaveLength(1);
    expect((pending[0]!.payload as { id: string }).id).toBe(lostId);

    // The next sync pushes the lost order under its new entry id, and the
    // server stores it again, while its extra order stays.
    await core.sync.syncNow();
    expect(await serverOrderIds()).toEqual(
      expect.arrayContaining([...orderIds, extraId]),
    );
    const status = await localCaller(core).sync.status();
    expect(status.pending).toBe(0);
    expect(status.reconciliation?.state).toBe('differs');
    expect(status.reconciliation?.days).toEqual([
      {
        businessDate: orderDate,
        reconciled: false,
        terminal: { count: 3, total: 3 * orderTotal },
        server: { count: 4, total: 4 * orderTotal },
        missingOnServer: [],
        extraOnServer: [{ id: extraId, number: 9999, total: orderTotal }],
      },
    ]);
  });
});

describe('Reconciler.datesToCheck', () => {
  /** Takes one order at noon in New York on each day and acks it then. */
  async function coreWithAckedDays(days: string[]): Promise<TerminalCore> {
    let now = new Date();
    const core = openTestCore({ now: () => now });
    opened.push(core);
    seedPairedTerminal(core, { timezone: 'America/New_York' });
    for (const day of days) {
      now = new Date(`${day}T16:00:00.000Z`);
      await takeOrders(core, 1);
      const [entry] = core.outbox.pendingBatch(1);
      core.outbox.applyResults(
        [entry!.id],
        [{ id: entry!.id, status: 'stored' }],
        now.toISOString(),
      );
    }
    return core;
  }

  const days = Array.from(
    { length: 9 },
    (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`,
  );

  it('checks today and the latest acked days', async () => {
    const reconciler = reconcilerOf(await coreWithAckedDays(days));

    expect(
      reconciler.datesToCheck('2026-06-20', '2026-05-01T00:00:00Z'),
    ).toEqual([
      '2026-06-20',
      '2026-06-09',
      '2026-06-08',
      '2026-06-07',
      '2026-06-06',
      '2026-06-05',
      '2026-06-04',
    ]);
  });

  it('skips days acked before since', async () => {
    const reconciler = reconcilerOf(await coreWithAckedDays(days));

    expect(
      reconciler.datesToCheck('2026-06-20', '2026-06-08T16:00:00.000Z'),
    ).toEqual(['2026-06-20', '2026-06-09', '2026-06-08']);
    expect(
      reconciler.datesToCheck('2026-06-09', '2026-06-08T16:00:00.001Z'),
    ).toEqual(['2026-06-09']);
  });

  it('checks only today without acked orders', async () => {
    const reconciler = reconcilerOf(await coreWithAckedDays([]));

    expect(
      reconciler.datesToCheck('2026-06-20', '2026-05-01T00:00:00Z'),
    ).toEqual(['2026-06-20']);
  });
});
