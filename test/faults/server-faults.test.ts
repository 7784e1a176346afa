import path from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { OrderSummary } from '../../shared/local-api.js';
import type { PushOutput } from '../../shared/sync.js';
import {
  readTerminalDatabase,
  serverOrderIds,
  startFaultStack,
  startStackTerminal,
  syncStatusOf,
  takeOrders,
  waitForDrain,
  type FaultStack,
} from '../support/fault-stack.js';
import {
  eventually,
  trpcCall,
  type TerminalProcess,
} from '../support/processes.js';

/**
 * Faults on the server side: the server killed in the middle of a batch,
 * PostgreSQL unreachable for a minute, one invalid entry among valid ones,
 * and the same batch pushed twice at once. The server reaches PostgreSQL
 * through a proxy the test owns, so the shared PostgreSQL is never touched.
 */
let stack: FaultStack;
let terminal: TerminalProcess;
const taken: string[] = [];

beforeAll(async () => {
  stack = await startFaultStack({ prefix: 'srv_faults', proxyDatabase: true });
  terminal = await startStackTerminal(stack);
}, 120_000);

afterAll(async () => {
  await terminal?.stop(3_000);
  await stack?.close();
});

async function expectServerHasExactly(ids: string[]): Promise<void> {
  const onServer = await serverOrderIds(stack.databaseUrl, stack.truckId);
  expect(onServer).toHaveLength(ids.length);
  expect(new Set(onServer)).toEqual(new Set(ids));
}

async function countServerOrders(): Promise<number> {
  return (await serverOrderIds(stack.databaseUrl, stack.truckId)).length;
}

function localCall<T>(
  type: 'query' | 'mutation',
  name: string,
  input?: unknown,
) {
  return trpcCall<T>(terminal.url, terminal.token, type, name, input);
}

describe('server faults', () => {
  it(
    'stores a batch once after the server dies mid-batch',
    { timeout: 180_000 },
    async () => {
      stack.proxy.cut();
      taken.push(...(await takeOrders(terminal, 600)));
      const before = await countServerOrders();

      // Slow PostgreSQL down so that the kill lands inside the batches.
      stack.databaseProxy!.delay(15);
      stack.proxy.restore();
      await eventually(
        'the first batch on the server',
        async () => (await countServerOrders()) > before,
        60_000,
      );
      await stack.server.kill();
      const atKill = await countServerOrders();
      stack.databaseProxy!.restore();

      expect(atKill).toBeLessThan(taken.length);
      await stack.restartServer();
      await waitForDrain(terminal, 120_000);
      await expectServerHasExactly(taken);
    },
  );

  it(
    'recovers when PostgreSQL is unreachable for a minute',
    { timeout: 180_000 },
    async () => {
      stack.databaseProxy!.cut();
      const outageStarted = Date.now();
      taken.push(...(await takeOrders(terminal, 10)));

      await eventually('sync.status to show the server failing', async () => {
        const status = await syncStatusOf(terminal);
        return !status.online && status.lastError !== null;
      });
      const during = await syncStatusOf(terminal);
      expect(during.pending).toBe(10);
      expect(during.lastError).toMatch(/failed with HTTP 5\d\d/);

      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - outageStarted))),
      );
      expect((await syncStatusOf(terminal)).pending).toBe(10);
      stack.databaseProxy!.restore();

      await waitForDrain(terminal, 60_000);
      await expectServerHasExactly(taken);
    },
  );

  it(
    'keeps one invalid entry and stores the others',
    { timeout: 120_000 },
    async () => {
      stack.proxy.cut();
      const batch = await takeOrders(terminal, 5);
      await terminal.stop(3_000);

      // Breaks the total of the third order's snapshot, as a terminal bug would.
      const badOrderId = batch[2]!;
      const entryId = readTerminalDatabase(
        terminal.dataDir,
        (sqlite) =>
          (
            sqlite
              .prepare(`SELECT id FROM outbox WHERE entity_id = ?`)
              .get(badOrderId) as { id: string }
          ).id,
      );
      const original = editOutboxPayload(terminal.dataDir, entryId, '+ 1');

      terminal = await startStackTerminal(stack);
      stack.proxy.restore();
      taken.push(...batch.filter((id) => id !== badOrderId));
      await eventually('the batch to be answered', async () => {
        const status = await syncStatusOf(terminal);
        return status.pending === 0 && status.rejected === 1;
      });
      await expectServerHasExactly(taken);

      const orders = await localCall<OrderSummary[]>(
        'query',
        'orders.list',
        {},
      );
      const bad = orders.find((order) => order.id === badOrderId)!;
      expect(bad.syncState).toBe('rejected');
      expect(bad.syncError).toMatch(
        /^Order \d+ has total \d+, but its lines add up to \d+\. The entry was not stored\.$/,
      );
      const support = await localCall<{
        rejected: { id: string; errorMessage: string; attempts: number }[];
      }>('query', 'support.status');
      expect(support.rejected.map((entry) => entry.id)).toEqual([entryId]);
      expect(support.rejected[0]!.errorMessage).toBe(bad.syncError);

      // A retry of the unchanged entry is rejected again with the same reason.
      await localCall('mutation', 'sync.retryRejected', { entryId });
      await eventually('the retry to be answered', async () => {
        const entry = (
          await localCall<typeof support>('query', 'support.status')
        ).rejected[0];
        return entry?.attempts === 2;
      });

      // Once the entry is corrected (by a manager, later), the retry stores it.
      await terminal.stop(3_000);
      writeOutboxPayload(terminal.dataDir, entryId, original);
      terminal = await startStackTerminal(stack);
      await localCall('mutation', 'sync.retryRejected', { entryId });
      taken.push(badOrderId);
      await waitForDrain(terminal);
      expect((await syncStatusOf(terminal)).rejected).toBe(0);
      await expectServerHasExactly(taken);
    },
  );

  it('rejects a retry of an entry that is not rejected', async () => {
    await expect(
      localCall('mutation', 'sync.retryRejected', {
        entryId: '0190a6d2-0000-7000-8000-00000000ffff',
      }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringMatching(/not found/),
    });
  });

  it(
    'stores a batch pushed twice at once only once',
    { timeout: 120_000 },
    async () => {
      stack.proxy.cut();
      const batch = await takeOrders(terminal, 5);
      await terminal.stop(3_000);
      const { token, entries } = readTerminalDatabase(
        terminal.dataDir,
        (sqlite) => ({
          token: (
            sqlite
              .prepare('SELECT device_token AS token FROM settings')
              .get() as { token: string }
          ).token,
          entries: (
            sqlite
              .prepare(
                `SELECT id, kind, created_at AS createdAt, payload_json AS payload FROM outbox WHERE state = 'pending' ORDER BY id`,
              )
              .all() as {
              id: string;
              kind: string;
              createdAt: string;
              payload: string;
            }[]
          ).map((entry) => ({
            ...entry,
            payload: JSON.parse(entry.payload) as unknown,
          })),
        }),
      );
      expect(entries).toHaveLength(5);

      const [first, second] = await Promise.all([
        trpcCall<PushOutput>(stack.server.url, token, 'mutation', 'sync.push', {
          entries,
        }),
        trpcCall<PushOutput>(stack.server.url, token, 'mutation', 'sync.push', {
          entries,
        }),
      ]);
      for (const entry of entries) {
        const statuses = [first, second].map(
          (output) =>
            output.results.find((result) => result.id === entry.id)!.status,
        );
        expect(statuses.sort()).toEqual(['duplicate', 'stored']);
      }
      taken.push(...batch);
      await expectServerHasExactly(taken);

      terminal = await startStackTerminal(stack);
      stack.proxy.restore();
      await Promise.all([
        localCall('mutation', 'sync.now'),
        localCall('mutation', 'sync.now'),
      ]);
      await waitForDrain(terminal);
      await expectServerHasExactly(taken);
    },
  );

  // Last, because it adds staff: from then on the terminal needs a sign-in.
  it('dismisses only with manager approval', { timeout: 120_000 }, async () => {
    const pins = { cashier: '2468', manager: '8642' };
    const members: Record<string, string> = {};
    for (const [role, pin] of [
      ['staff', pins.cashier],
      ['manager', pins.manager],
    ] as const) {
      const created = await trpcCall<{ id: string }>(
        stack.server.url,
        stack.ownerToken,
        'mutation',
        'staff.create',
        { name: `Dismiss ${role}`, role, pin },
      );
      members[role] = created.id;
    }
    await eventually('staff on the terminal', async () => {
      await localCall('mutation', 'session.signIn', { pin: pins.cashier });
      return true;
    });

    stack.proxy.cut();
    const [goodOrderId, badOrderId] = await takeOrders(terminal, 2);
    await terminal.stop(3_000);
    const entryId = readTerminalDatabase(
      terminal.dataDir,
      (sqlite) =>
        (
          sqlite
            .prepare(`SELECT id FROM outbox WHERE entity_id = ?`)
            .get(badOrderId) as { id: string }
        ).id,
    );
    editOutboxPayload(terminal.dataDir, entryId, '- 1');
    terminal = await startStackTerminal(stack);
    stack.proxy.restore();
    taken.push(goodOrderId!);
    await eventually('the bad order to be rejected', async () => {
      const status = await syncStatusOf(terminal);
      return status.pending === 0 && status.rejected === 1;
    });
    await expectServerHasExactly(taken);
    const day = (
      await localCall<OrderSummary[]>('query', 'orders.list', {})
    ).find((order) => order.id === badOrderId)!.businessDate;
    const reportBefore = await localCall<{ orders: number; total: number }>(
      'query',
      'reports.daily',
      { date: day },
    );

    const dismiss = (extra: Record<string, string>) =>
      localCall('mutation', 'sync.dismissRejected', {
        entryId,
        reason: 'total corrupted, rung again',
        ...extra,
      });
    await localCall('mutation', 'session.signIn', { pin: pins.cashier });
    await expect(dismiss({})).rejects.toMatchObject({
      status: 403,
      message:
        'A manager must approve dismissing an entry the server rejected. Enter a manager PIN.',
    });
    await expect(dismiss({ approvalPin: pins.cashier })).rejects.toMatchObject({
      status: 403,
    });
    await expect(dismiss({ approvalPin: '0000' })).rejects.toMatchObject({
      status: 401,
    });
    expect((await syncStatusOf(terminal)).rejected).toBe(1);

    const support = await localCall<{
      rejected: unknown[];
      dismissed: {
        id: string;
        state: string;
        dismissal: { by: string; reason: string; at: string };
      }[];
    }>('mutation', 'sync.dismissRejected', {
      entryId,
      reason: 'total corrupted, rung again',
      approvalPin: pins.manager,
    });
    expect(support.rejected).toEqual([]);
    expect(support.dismissed).toHaveLength(1);
    expect(support.dismissed[0]).toMatchObject({
      id: entryId,
      state: 'dismissed',
      dismissal: {
        by: members.manager,
        reason: 'total corrupted, rung again',
      },
    });

    // Dismissed is final: no retry, no second dismissal, never sent.
    await expect(
      localCall('mutation', 'sync.retryRejected', { entryId }),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/is dismissed, not rejected/),
    });
    await localCall('mutation', 'sync.now');
    const status = await syncStatusOf(terminal);
    expect(status.pending).toBe(0);
    expect(status.rejected).toBe(0);
    await expectServerHasExactly(taken);

    const listed = (
      await localCall<OrderSummary[]>('query', 'orders.list', {})
    ).find((order) => order.id === badOrderId)!;
    expect(listed.syncState).toBe('dismissed');
    const reportAfter = await localCall<{ orders: number; total: number }>(
      'query',
      'reports.daily',
      { date: day },
    );
    expect(reportAfter.orders).toBe(reportBefore.orders - 1);
    expect(reportAfter.total).toBe(reportBefore.total - listed.totals.total);
  });
});

function editOutboxPayload(
  dataDir: string,
  entryId: string,
  change: string,
): string {
  return withWritableDatabase(dataDir, (sqlite) => {
    const { payload } = sqlite
      .prepare('SELECT payload_json AS payload FROM outbox WHERE id = ?')
      .get(entryId) as { payload: string };
    sqlite
      .prepare(
        `UPDATE outbox SET payload_json = json_set(payload_json, '$.totals.total', json_extract(payload_json, '$.totals.total') ${change}) WHERE id = ?`,
      )
      .run(entryId);
    return payload;
  });
}

function writeOutboxPayload(
  dataDir: string,
  entryId: string,
  payload: string,
): void {
  withWritableDatabase(dataDir, (sqlite) =>
    sqlite
      .prepare('UPDATE outbox SET payload_json = ? WHERE id = ?')
      .run(payload, entryId),
  );
}

function withWritableDatabase<T>(
  dataDir: string,
  write: (sqlite: Database.Database) => T,
): T {
  // The terminal is stopped, so this connection is the only writer.
  const sqlite = new Database(path.join(dataDir, 'terminal.sqlite'));
  try {
    return write(sqlite);
  } finally {
    sqlite.close();
  }
}
