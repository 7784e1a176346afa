import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';
import pino from 'pino';

import { applyPragmas } from '../main/core/db/open-database.js';
import { openTerminalCore } from '../main/core/terminal-core.js';
import { seedPairedTerminal } from '../main/core/testing/test-core.js';

/**
 * Order commit latency on the terminal against a bare better-sqlite3
 * single-row insert transaction, both with WAL and synchronous=FULL in one
 * temp folder on the same disk. The two run interleaved, one of each per
 * iteration, so disk and CPU noise hit both alike.
 *
 * Usage: npm run bench [-- --iterations 3000 --warmup 300 --dir DIR]
 */
const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '300' },
    dir: { type: 'string' },
  },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);

const baseDir = mkdtempSync(
  path.join(values.dir ?? os.tmpdir(), 'galley-bench-'),
);

/** One order with three lines, modifiers and a cash tender. */
const order = {
  lines: [
    { sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] },
    { sku: 'BURRITO-ASADA', quantity: 1, modifiers: ['SALSA-ROJA'] },
    { sku: 'DRINK-WATER', quantity: 1 },
  ],
  discount: { percent: '10' },
  tender: { method: 'cash', cashGiven: 10_000 },
};

function percentile(sorted: number[], p: number): number {
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)]!;
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
  };
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const core = openTerminalCore({
  dataDir: path.join(baseDir, 'terminal'),
  logger: pino({ level: 'silent' }),
  startSync: false,
});
seedPairedTerminal(core);

const bare = new Database(path.join(baseDir, 'bare.sqlite'));
applyPragmas(bare);
bare.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
const insertRow = bare.prepare('INSERT INTO rows (payload) VALUES (?)');
const insertInTransaction = bare.transaction((payload: string) =>
  insertRow.run(payload),
);
const rowPayload = JSON.stringify(order);

const orderSamples: number[] = [];
const bareSamples: number[] = [];

for (let index = 0; index < warmup + iterations; index += 1) {
  let start = process.hrtime.bigint();
  insertInTransaction(rowPayload);
  const bareMs = elapsedMs(start);

  start = process.hrtime.bigint();
  core.createOrder(order);
  const orderMs = elapsedMs(start);

  if (index >= warmup) {
    bareSamples.push(bareMs);
    orderSamples.push(orderMs);
  }
}

const orderStats = summarize(orderSamples);
const bareStats = summarize(bareSamples);
const format = (ms: number) => ms.toFixed(3).padStart(9);
const row = (label: string, stats: ReturnType<typeof summarize>) =>
  [stats.p50, stats.p95, stats.p99, stats.p999].map(format).join('') +
  `  ${label}`;
const ratio = {
  p50: orderStats.p50 / bareStats.p50,
  p95: orderStats.p95 / bareStats.p95,
  p99: orderStats.p99 / bareStats.p99,
  p999: orderStats.p999 / bareStats.p999,
};
const loadAverage = os
  .loadavg()
  .map((load) => load.toFixed(2))
  .join(' ');

console.log(
  `order commit benchmark: ${iterations} iterations after ${warmup} warm-up, folder ${baseDir}`,
);
console.log(
  `node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, load average ${loadAverage}`,
);
console.log('   p50 ms   p95 ms   p99 ms p99.9 ms');
console.log(row('terminal order (3 lines, payment, outbox)', orderStats));
console.log(row('bare single-row insert transaction', bareStats));
console.log(row('ratio terminal / bare', ratio));
console.log(
  `budget, p99 ratio at most 3: ${ratio.p99 <= 3 ? 'met' : 'NOT met'}`,
);

await core.close();
bare.close();
rmSync(baseDir, { recursive: true, force: true });
