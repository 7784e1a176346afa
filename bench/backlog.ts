import os from 'node:os';
import { parseArgs } from 'node:util';

import pino from 'pino';

import { localCaller } from '../main/core/testing/test-core.js';
import { openTerminalCore } from '../main/core/terminal-core.js';
import { loadFixtureMenu } from '../test/support/fixtures.js';
import { createTestDatabase } from '../test/support/postgres.js';
import {
  createOwner,
  loginOwner,
  makeTempDir,
  setupTruck,
  startServerProcess,
  trpcCall,
} from '../test/support/processes.js';

/**
 * The offline backlog: a terminal core takes ORDERS orders while it cannot
 * sync, then pushes them in batches to a local server process on a new
 * PostgreSQL database. While the backlog drains, the counter takes one
 * order every 20 ms in the same process. Each one's latency is measured
 * from the moment it was due, so time the event loop spent on sync work
 * counts against the counter.
 *
 * Usage: npm run bench:backlog [-- --orders 10000 --batch 200]
 */
const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '200' },
  },
});
const orderCount = Number(values.orders);
const batchSize = Number(values.batch);

const order = {
  lines: [
    { sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] },
    { sku: 'DRINK-WATER', quantity: 1 },
  ],
  tender: { method: 'card' },
};

function percentile(sorted: number[], p: number): number {
  const index = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, index))]!;
}

const database = await createTestDatabase('backlog');
const owner = { email: 'backlog@example.test', password: 'correct horse 42' };
await createOwner({ databaseUrl: database.url, ...owner, org: 'Backlog' });
const server = await startServerProcess({
  databaseUrl: database.url,
  env: { GALLEY_LOG_LEVEL: 'warn', LOG_LEVEL: 'warn' },
});
const core = openTerminalCore({
  dataDir: makeTempDir('backlog-terminal'),
  serverUrl: server.url,
  logger: pino({ level: 'warn' }),
  startSync: false,
  sync: { batchSize },
});

try {
  const ownerToken = await loginOwner(server.url, owner.email, owner.password);
  const { truckId, pairingCode } = await setupTruck(
    server.url,
    ownerToken,
    loadFixtureMenu('taco-truck'),
  );
  await core.pair({ pairingCode });
  const counter = localCaller(core);

  // The sync loop is not started, so these orders wait in the outbox as
  // they would on a day without network.
  for (let index = 0; index < orderCount; index += 1) {
    await counter.orders.create(order);
  }
  console.log(
    `${orderCount} orders queued; pending ${core.syncStatus().pending}`,
  );

  const latencies: number[] = [];
  let stop = false;
  const counterLoop = (async () => {
    let due = performance.now();
    while (!stop) {
      due += 20;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await counter.orders.create(order);
      latencies.push(performance.now() - due);
    }
  })();

  const started = performance.now();
  const status = await core.syncNow();
  const drainMs = performance.now() - started;
  stop = true;
  await counterLoop;
  // Orders the counter took after the last batch go out now.
  await core.syncNow();

  const report = await trpcCall<{ orders: number }>(
    server.url,
    ownerToken,
    'query',
    'reports.daily',
    { truckId, date: core.today() },
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`,
        backlog: orderCount,
        batchSize,
        drainMs: Math.round(drainMs),
        pendingAfterDrain: status.pending,
        lastError: status.lastError,
        serverOrdersToday: report.orders,
        counterOrdersDuringDrain: latencies.length,
        counterLatencyMs: {
          p50: Number(percentile(sorted, 50).toFixed(2)),
          p99: Number(percentile(sorted, 99).toFixed(2)),
          max: Number(sorted.at(-1)?.toFixed(2) ?? 0),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await core.close();
  await server.stop(3_000);
  await database.drop();
}
