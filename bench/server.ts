import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { nearestRank } from '../server/metrics/sliding-window.js';
import type { MetricsSnapshot } from '../server/metrics/snapshot.js';
import {
  buildOrderSnapshot,
  fixtureMenu,
  orderEntry,
  validFixtureInputs,
} from '../server/testing/order-snapshots.js';
import { loadFixtureMenu } from '../test/support/fixtures.js';
import { createTestDatabase } from '../test/support/postgres.js';
import {
  createOwner,
  findFreePort,
  loginOwner,
  makeTempDir,
  repoRoot,
  setupTruck,
  startServerProcess,
  trpcCall,
} from '../scripts/lib/processes.js';

/**
 * Load test of the central server on PostgreSQL and Redis, on loopback.
 * A fleet of trucks (default 200) each pushes 20-order batches and pulls
 * its menu at a steady rate. Then each route runs closed-loop to
 * saturation, beside a bare Fastify app returning the same JSON.
 *
 * Usage: npm run bench:server [-- --trucks 200 --seconds 20]
 */
const { values } = parseArgs({
  options: {
    trucks: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    'push-interval': { type: 'string', default: '10' },
    'pull-interval': { type: 'string', default: '5' },
  },
});
const truckCount = Number(values.trucks);
const seconds = Number(values.seconds);
const pushIntervalMs = Number(values['push-interval']) * 1000;
const pullIntervalMs = Number(values['pull-interval']) * 1000;
const pushRate = (truckCount * 1000) / pushIntervalMs;
const pullRate = (truckCount * 1000) / pullIntervalMs;
const batchSize = 20;
const saturationConnections = 8;

interface Truck {
  truckId: string;
  deviceToken: string;
}

interface RunResult {
  name: string;
  requests: number;
  non2xx: number;
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_server');
  const redisPrefix = `galley-bench-${process.pid}:`;
  const owner = { email: 'bench@example.test', password: 'bench password 42' };
  await createOwner({
    databaseUrl: database.url,
    ...owner,
    org: 'Bench Fleet',
  });
  const server = await startServerProcess({
    databaseUrl: database.url,
    env: {
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
    },
  });
  let bare: ReturnType<typeof spawn> | undefined;

  try {
    log(`Setting up ${truckCount} trucks on ${server.url}`);
    const ownerToken = await loginOwner(
      server.url,
      owner.email,
      owner.password,
    );
    const trucks = await setupTrucks(server.url, ownerToken);
    const bodies = makeBodyFactory();

    // One pull per truck first, as every terminal does when it starts, so
    // the fleet run measures the steady state rather than a cold cache.
    await warmUp(server.url, trucks);

    log(
      `Fleet load for ${seconds} s: ${pushRate} pushes/s and ${pullRate} pulls/s`,
    );
    const cacheBefore = await readCache(server.url);
    const [push, pull] = await Promise.all([
      runFleet('fleet push (20 orders)', trucks, pushIntervalMs, (truck) =>
        fetch(`${server.url}${routes.push}`, {
          method: 'POST',
          headers: deviceHeaders(truck),
          body: bodies(),
        }),
      ),
      runFleet('fleet menu pull', trucks, pullIntervalMs, (truck) =>
        fetch(`${server.url}${routes.pull}`, { headers: deviceHeaders(truck) }),
      ),
    ]);
    const cacheAfter = await readCache(server.url);
    const hits = cacheAfter.hits - cacheBefore.hits;
    const misses = cacheAfter.misses - cacheBefore.misses;
    const statements = cacheAfter.queries - cacheBefore.queries;
    const fleetRequests = push.requests + pull.requests;
    log(
      `Fleet run: ${statements} database statements for ${fleetRequests} requests, ` +
        `statement p95 ${cacheAfter.queryP95?.toFixed(1) ?? '-'} ms`,
    );

    log('Saturation runs');
    const samples = await captureBodies(server.url, trucks[0]!, bodies);
    const bodiesFile = path.join(makeTempDir('bench-bodies'), 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify(samples));
    const barePort = await findFreePort();
    bare = await startBare(barePort, bodiesFile);
    const bareUrl = `http://127.0.0.1:${barePort}`;

    const saturation: RunResult[] = [];
    for (const [name, url, route] of [
      ['galley /health/live', server.url, 'live'],
      ['bare /health/live', bareUrl, 'live'],
      ['galley sync.pull', server.url, 'pull'],
      ['bare sync.pull JSON', bareUrl, 'pull'],
      ['galley sync.push (20 orders)', server.url, 'push'],
      ['bare sync.push JSON', bareUrl, 'push'],
    ] as const) {
      saturation.push(
        await run(name, url, {
          trucks,
          method: route === 'push' ? 'POST' : 'GET',
          route,
          connections: saturationConnections,
          bodies,
        }),
      );
    }

    printReport([push, pull], saturation, hits, misses);
  } finally {
    bare?.kill('SIGTERM');
    await server.stop();
    await database.drop();
  }
}

async function setupTrucks(
  serverUrl: string,
  ownerToken: string,
): Promise<Truck[]> {
  const menu = loadFixtureMenu('taco-truck');
  const trucks: Truck[] = [];
  for (let i = 0; i < truckCount; i += 1) {
    const { truckId, pairingCode } = await setupTruck(
      serverUrl,
      ownerToken,
      menu,
      {
        name: `Truck ${i + 1}`,
        timezone: 'America/New_York',
      },
    );
    const paired = await trpcCall<{ deviceToken: string }>(
      serverUrl,
      null,
      'mutation',
      'devices.pair',
      { pairingCode, deviceName: 'bench' },
    );
    trucks.push({ truckId, deviceToken: paired.deviceToken });
  }
  return trucks;
}

const deviceHeaders = (truck: Truck) => ({
  authorization: `Bearer ${truck.deviceToken}`,
  'content-type': 'application/json',
});

/**
 * Runs the fleet as an open loop: each truck sends one request every
 * `intervalMs`, the trucks' start times spread evenly over one interval,
 * so the server receives a steady rate rather than bursts. A truck whose
 * request takes longer than the interval sends the next one at once.
 */
async function runFleet(
  name: string,
  trucks: Truck[],
  intervalMs: number,
  send: (truck: Truck) => Promise<Response>,
): Promise<RunResult> {
  const latencies: number[] = [];
  let failed = 0;
  const endAt = Date.now() + seconds * 1000;
  const sleep = (ms: number) =>
    new Promise((resolve) => setTimeout(resolve, ms));

  await Promise.all(
    trucks.map(async (truck, index) => {
      await sleep((index * intervalMs) / trucks.length);
      while (Date.now() < endAt) {
        const started = performance.now();
        const response = await send(truck);
        await response.arrayBuffer();
        const elapsed = performance.now() - started;
        latencies.push(elapsed);
        if (!response.ok) failed += 1;
        await sleep(Math.max(0, intervalMs - elapsed));
      }
    }),
  );

  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    non2xx: failed,
    rps: latencies.length / seconds,
    p50: nearestRank(latencies, 50),
    p95: nearestRank(latencies, 95),
    p99: nearestRank(latencies, 99),
  };
}

async function warmUp(serverUrl: string, trucks: Truck[]): Promise<void> {
  for (const truck of trucks) {
    const response = await fetch(`${serverUrl}${routes.pull}`, {
      headers: { authorization: `Bearer ${truck.deviceToken}` },
    });
    if (!response.ok)
      throw new Error(`Warm-up pull failed with ${response.status}.`);
    await response.arrayBuffer();
  }
}

/** Returns a function producing a fresh 20-order push body per call. */
function makeBodyFactory(): () => string {
  const menu = fixtureMenu('taco-truck');
  const inputs = validFixtureInputs('taco-truck');
  const businessDate = new Date().toISOString().slice(0, 10);
  let number = 0;
  return () => {
    const entries = [];
    for (let i = 0; i < batchSize; i += 1) {
      number += 1;
      const input = inputs[number % inputs.length];
      entries.push(
        orderEntry(buildOrderSnapshot(menu, input, { number, businessDate })),
      );
    }
    return JSON.stringify({ entries });
  };
}

const routes = {
  live: '/health/live',
  pull: `/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ cursor: '0' }))}`,
  push: '/trpc/sync.push',
};

async function run(
  name: string,
  baseUrl: string,
  options: {
    trucks: Truck[];
    method: 'GET' | 'POST';
    route: keyof typeof routes;
    connections: number;
    bodies?: () => string;
  },
): Promise<RunResult> {
  let nextTruck = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: seconds,
        requests: [
          {
            method: options.method,
            path: routes[options.route],
            setupRequest: (request) => {
              const truck =
                options.trucks[nextTruck++ % options.trucks.length]!;
              request.headers = {
                ...request.headers,
                authorization: `Bearer ${truck.deviceToken}`,
                'content-type': 'application/json',
              };
              if (options.method === 'POST' && options.bodies)
                request.body = options.bodies();
              return request;
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });

  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts,
    rps: result.requests.total / seconds,
    p50: nearestRank(latencies, 50),
    p95: nearestRank(latencies, 95),
    p99: nearestRank(latencies, 99),
  };
}

async function captureBodies(
  serverUrl: string,
  truck: Truck,
  bodies: () => string,
) {
  const headers = {
    authorization: `Bearer ${truck.deviceToken}`,
    'content-type': 'application/json',
  };
  const live = await (await fetch(`${serverUrl}${routes.live}`)).text();
  const pull = await (
    await fetch(`${serverUrl}${routes.pull}`, { headers })
  ).text();
  const pushResponse = await fetch(`${serverUrl}${routes.push}`, {
    method: 'POST',
    headers,
    body: bodies(),
  });
  const push = await pushResponse.text();
  const stored = (push.match(/"stored"/g) ?? []).length;
  if (stored !== batchSize)
    throw new Error(
      `A push stored ${stored} of ${batchSize} orders: ${push.slice(0, 500)}`,
    );
  return { live, pull, push };
}

async function startBare(
  port: number,
  bodiesFile: string,
): Promise<ReturnType<typeof spawn>> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'bench/bare-server.ts'),
      String(port),
      bodiesFile,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`bare server exited with code ${code}`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('bare server ready')) resolve();
    });
  });
  return child;
}

async function readCache(serverUrl: string) {
  const response = await fetch(`${serverUrl}/api/metrics`);
  const snapshot = (await response.json()) as MetricsSnapshot;
  return {
    hits: snapshot.cache.hits,
    misses: snapshot.cache.misses,
    queries: snapshot.database.queries,
    queryP95: snapshot.database.latency.p95,
  };
}

function printReport(
  fleet: RunResult[],
  saturation: RunResult[],
  hits: number,
  misses: number,
): void {
  const ms = (value: number | null) =>
    value === null ? '-' : value.toFixed(1);
  const row = (r: RunResult) =>
    `| ${r.name} | ${r.requests} | ${r.non2xx} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`;
  const header =
    '| run | requests | failed | req/s | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- | --- | --- |';

  console.log(
    `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
  console.log(
    `Fleet: ${truckCount} trucks for ${seconds} s (pushes every ${values['push-interval']} s, pulls every ${values['pull-interval']} s)\n`,
  );
  console.log(header);
  for (const r of fleet) console.log(row(r));
  const reads = hits + misses;
  console.log(
    `\nMenu pull cache hit rate after one warm-up pull per truck: ${reads === 0 ? '-' : ((hits / reads) * 100).toFixed(1)}% (${hits} hits, ${misses} misses)`,
  );

  console.log(
    `\nSaturation, ${saturationConnections} connections, ${seconds} s each:\n`,
  );
  console.log(header);
  for (const r of saturation) console.log(row(r));
  for (let i = 0; i + 1 < saturation.length; i += 2) {
    const galley = saturation[i]!;
    const bareRun = saturation[i + 1]!;
    console.log(
      `${galley.name}: ${(bareRun.rps / galley.rps).toFixed(1)}× fewer req/s than bare, p99 ${ms(galley.p99)} vs ${ms(bareRun.p99)} ms`,
    );
  }
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

await main();
