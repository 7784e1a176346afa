import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';

import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import { createTestDatabase } from '../../../test/support/postgres.js';
import {
  createOwner,
  eventually,
  loginOwner,
  setupTruck,
  startServerProcess,
  type ServerProcess,
} from '../../../test/support/processes.js';
import type { TerminalCore } from '../terminal-core.js';
import { localCaller, openTestCore, removeDir } from '../testing/test-core.js';

/**
 * The sync loop against the real server process on a throwaway PostgreSQL
 * database, for what only a real server shows: reconciliation with the
 * orders it stored, and the time it stamps on each reply.
 */
interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const owner = {
  email: 'sync-server-owner@example.test',
  password: 'correct horse 42',
};
const hourMs = 60 * 60_000;
const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' as const },
};

let database: { url: string; drop(): Promise<void> };
let server: ServerProcess;
let ownerToken: string;
const opened: TerminalCore[] = [];

beforeAll(async () => {
  database = await createTestDatabase('core_sync');
  await createOwner({
    databaseUrl: database.url,
    ...owner,
    org: 'Reconcile Tacos',
  });
  server = await startServerProcess({ databaseUrl: database.url });
  ownerToken = await loginOwner(server.url, owner.email, owner.password);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
  await database?.drop();
});

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
  vi.useRealTimers();
});

function captureLogs() {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  );
  return { logger, lines };
}

/** Opens a core paired with a truck of its own, with its sync loop off. */
async function pairedCore(logger: pino.Logger): Promise<TerminalCore> {
  const { pairingCode } = await setupTruck(
    server.url,
    ownerToken,
    loadFixtureMenu('taco-truck'),
  );
  const core = openTestCore({
    serverUrl: server.url,
    logger,
    sync: { baseBackoffMs: 50, maxBackoffMs: 200, requestTimeoutMs: 5_000 },
  });
  opened.push(core);
  await localCaller(core).setup.pair({ pairingCode });
  return core;
}

/** Runs one statement on the server's database and returns its rows. */
async function serverQuery(
  sql: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

function loggedAs(lines: LogLine[], msg: string): LogLine[] {
  return lines.filter((line) => line.msg === msg);
}

it('requeues an order the server lost', async () => {
  const { logger, lines } = captureLogs();
  const core = await pairedCore(logger);
  const caller = localCaller(core);
  await caller.orders.create(tacoOrder);
  const lost = await caller.orders.create(tacoOrder);
  const synced = await core.sync.syncNow();
  // As after the server was restored from a backup older than the order.
  await serverQuery('DELETE FROM order_lines WHERE order_id = $1', [lost.id]);
  await serverQuery('DELETE FROM orders WHERE id = $1', [lost.id]);
  const differences = () =>
    loggedAs(lines, 'reconciliation found orders that differ from the server');

  core.sync.start();
  // The warning is logged after the differing result is stored, so a
  // reconciled state after it comes from the cycle that pushed again.
  await eventually('the lost order pushed and reconciled', async () => {
    const status = core.sync.status();
    return (
      differences().length > 0 &&
      status.pending === 0 &&
      status.reconciliation?.state === 'reconciled'
    );
  });
  await core.sync.stop();

  expect(synced.reconciliation?.state).toBe('reconciled');
  const stored = await serverQuery('SELECT id FROM orders WHERE id = $1', [
    lost.id,
  ]);
  expect(stored).toEqual([{ id: lost.id }]);
  const businessDate = synced.reconciliation!.days[0]!.businessDate;
  expect(differences()).toHaveLength(1);
  expect(differences()[0]).toMatchObject({
    level: 40,
    requeued: 1,
    days: [{ businessDate, missingOnServer: [lost.id], extraOnServer: [] }],
  });
  const entries = core.database.sqlite
    .prepare(
      `SELECT state, attempts FROM outbox
       WHERE entity_id = ? AND kind = 'order.created'`,
    )
    .all(lost.id);
  expect(entries).toEqual([{ state: 'acked', attempts: 2 }]);
});

it('stamps orders by the server clock', async () => {
  // This terminal's clock runs an hour behind; the server's is right.
  vi.useFakeTimers({
    toFake: ['Date'],
    now: Date.now() - hourMs,
    shouldAdvanceTime: true,
  });
  const { logger, lines } = captureLogs();
  const core = await pairedCore(logger);
  const caller = localCaller(core);

  await caller.orders.create(tacoOrder);
  const status = await core.sync.syncNow();
  const [order] = await caller.orders.list();
  const realNow = performance.timeOrigin + performance.now();

  expect(status.pending).toBe(0);
  expect(Math.abs(status.clockSkewMs! - hourMs)).toBeLessThan(5_000);
  expect(status.clockWarning).toBe(true);
  expect(Math.abs(Date.parse(order!.createdAt) - realNow)).toBeLessThan(5_000);
  // Each push and pull measured the skew, and only the first warned.
  const warnings = loggedAs(
    lines,
    "this terminal's clock differs from the server's; orders are stamped with the server's time",
  );
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({ level: 40, suppressedRepeats: 0 });
});
