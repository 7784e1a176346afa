import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadFixtureMenu } from '../../test/support/fixtures.js';
import {
  parsePrometheusText,
  sumSamples,
} from '../../test/support/prometheus-text.js';
import { createTestDatabase } from '../../test/support/postgres.js';
import { eventually } from '../../test/support/processes.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { createServer, type GalleyServer } from '../app.js';
import { createOwner } from '../auth/owners.js';
import type { MetricsSnapshot } from '../metrics/snapshot.js';
import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  type TestServer,
} from '../testing/test-server.js';

const redisUrl = 'redis://127.0.0.1:6379';
const menu = loadFixtureMenu('taco-truck');
/** The fixture menu with its first item's price raised, so an import makes a new version. */
function changedMenu(raise: number): unknown {
  const copy = structuredClone(menu) as {
    categories: { items: { price: number }[] }[];
  };
  const item = copy.categories[0]?.items[0];
  if (item) item.price += raise;
  return copy;
}
const newKeyPrefix = () => `galley-test-${randomBytes(4).toString('hex')}:`;

async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

describe('menu cache on the server with Redis', () => {
  const keyPrefix = newKeyPrefix();
  let test: TestServer;
  let ownerToken: string;
  let truckId: string;
  let deviceToken: string;

  beforeAll(async () => {
    test = await startTestServer('postgres', {
      env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix },
    });
    ownerToken = (await signUpOwner(test)).token;
    const truck = await createPairedTruck(test, ownerToken);
    truckId = truck.truckId;
    deviceToken = truck.deviceToken;
    await test.ok('mutation', 'menu.import', { truckId, menu }, ownerToken);
  });

  afterAll(async () => {
    await test?.close();
    await dropKeys(keyPrefix);
  });

  const cacheCounts = async () => {
    const response = await test.server.app.inject({ url: '/api/metrics' });
    return response.json<MetricsSnapshot>().cache;
  };
  const currentVersion = async () =>
    (
      await test.ok<{ version: number }>(
        'query',
        'menu.current',
        { truckId },
        ownerToken,
      )
    ).version;

  it('hits on the second read, misses after an import', async () => {
    const start = await cacheCounts();
    expect(start.backend).toBe('redis');

    expect(await currentVersion()).toBe(1);
    expect(await currentVersion()).toBe(1);
    const afterReads = await cacheCounts();
    expect(afterReads.misses - start.misses).toBe(1);
    expect(afterReads.hits - start.hits).toBe(1);

    await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: changedMenu(10) },
      ownerToken,
    );
    expect(await currentVersion()).toBe(2);
    const afterImport = await cacheCounts();
    expect(afterImport.misses - afterReads.misses).toBe(1);
    expect(afterImport.hits - afterReads.hits).toBe(0);
  });

  it('serves terminal pulls from the cache', async () => {
    const before = await cacheCounts();
    for (let i = 0; i < 5; i += 1) {
      const pulled = await test.ok<{ menu: { version: number } | null }>(
        'query',
        'sync.pull',
        { cursor: '0' },
        deviceToken,
      );
      expect(pulled.menu?.version).toBe(2);
    }
    const after = await cacheCounts();
    expect(after.hits - before.hits).toBe(5);
    expect(after.misses - before.misses).toBe(0);
  });

  it('reports a hit rate matching its counts', async () => {
    const json = await cacheCounts();
    expect(json.hitRate).toBeCloseTo(json.hits / (json.hits + json.misses), 12);

    const text = (await test.server.app.inject({ url: '/metrics' })).body;
    const samples = parsePrometheusText(text);
    expect(sumSamples(samples, 'galley_cache_hits_total')).toBe(json.hits);
    expect(sumSamples(samples, 'galley_cache_misses_total')).toBe(json.misses);
    expect(
      sumSamples(samples, 'galley_http_requests_total', {
        route: '/trpc/sync.pull',
      }),
    ).toBe(5);
  });

  it('invalidates the truck list on truck writes', async () => {
    const list = async () =>
      await test.ok<{ name: string; menuVersion: number | null }[]>(
        'query',
        'trucks.list',
        undefined,
        ownerToken,
      );
    expect((await list()).map((truck) => truck.name)).toEqual(['Taco truck']);
    await test.ok(
      'mutation',
      'trucks.rename',
      { truckId, name: 'Taco van' },
      ownerToken,
    );
    expect((await list()).map((truck) => truck.name)).toEqual(['Taco van']);
    await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: changedMenu(20) },
      ownerToken,
    );
    expect((await list())[0]?.menuVersion).toBe(3);
  });

  it('echoes a request id on tRPC responses', async () => {
    const response = await test.server.app.inject({
      url: '/trpc/menu.current',
      query: { input: JSON.stringify({ truckId }) },
      headers: {
        authorization: `Bearer ${ownerToken}`,
        'x-request-id': 'support-42',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('support-42');
  });
});

describe('server health through loopback proxies', () => {
  const keyPrefix = newKeyPrefix();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let server: GalleyServer;
  let deviceToken: string;

  beforeAll(async () => {
    database = await createTestDatabase('ops_server_health');
    const target = new URL(database.url);
    pgProxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port),
    });
    redisProxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    const proxied = new URL(database.url);
    proxied.host = pgProxy.address;

    server = await createServer(
      { databaseUrl: proxied.toString() },
      {
        logger: pino({ level: 'silent' }),
        env: {
          REDIS_URL: `redis://${redisProxy.address}`,
          REDIS_KEY_PREFIX: keyPrefix,
        },
      },
    );
    const owner = await createOwner(server.database.db, {
      email: 'health@example.test',
      password: 'correct horse battery',
      organizationName: 'Health Tacos',
    });
    const call = async (
      method: 'GET' | 'POST',
      url: string,
      body?: unknown,
      token?: string,
    ) => {
      const response = await server.app.inject({
        method,
        url,
        payload: body === undefined ? undefined : JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
      return response.json<{ result: { data: Record<string, string> } }>()
        .result.data;
    };
    const { token } = await call('POST', '/trpc/auth.login', {
      email: 'health@example.test',
      password: 'correct horse battery',
    });
    expect(owner.organizationId).toMatch(/\S/);
    const truck = await call(
      'POST',
      '/trpc/trucks.create',
      { name: 'T', timezone: 'UTC' },
      token,
    );
    await call(
      'POST',
      '/trpc/menu.import',
      { truckId: truck.truckId, menu },
      token,
    );
    const paired = await call('POST', '/trpc/devices.pair', {
      pairingCode: truck.pairingCode,
      deviceName: 'Counter',
    });
    deviceToken = paired.deviceToken!;
  });

  afterAll(async () => {
    await server?.close();
    await pgProxy?.close();
    await redisProxy?.close();
    await database?.drop();
    await dropKeys(keyPrefix);
  });

  const deep = async () => {
    const response = await server.app.inject({ url: '/api/health?deep=true' });
    return {
      code: response.statusCode,
      status: response.json<{ status: string }>().status,
    };
  };
  const statusOf = async (url: string) =>
    (await server.app.inject({ url })).statusCode;
  const pull = () =>
    server.app.inject({
      url: '/trpc/sync.pull',
      query: { input: JSON.stringify({ cursor: '0' }) },
      headers: { authorization: `Bearer ${deviceToken}` },
    });

  it('is healthy with both up', async () => {
    expect(await deep()).toEqual({ code: 200, status: 'healthy' });
    expect(await statusOf('/health/ready')).toBe(200);
  });

  it('degrades without Redis and keeps serving', async () => {
    redisProxy.cut();
    try {
      await eventually(
        'Redis to be reported down',
        async () => (await deep()).status === 'degraded',
      );
      expect((await deep()).code).toBe(200);
      const response = await pull();
      expect(response.statusCode).toBe(200);
      expect(response.json().result.data.menu.version).toBe(1);
      const snapshot = (
        await server.app.inject({ url: '/api/metrics' })
      ).json<MetricsSnapshot>();
      expect(snapshot.cache.errors).toBeGreaterThan(0);
    } finally {
      redisProxy.restore();
    }
    await eventually(
      'Redis to recover',
      async () => (await deep()).status === 'healthy',
    );
  });

  it('is unhealthy without PostgreSQL, live throughout', async () => {
    pgProxy.pause();
    try {
      expect(await deep()).toEqual({ code: 503, status: 'unhealthy' });
      expect(await statusOf('/health/ready')).toBe(503);
      expect(await statusOf('/health/live')).toBe(200);
      const alerts = (await server.app.inject({ url: '/api/alerts' })).json<{
        firing: { name: string }[];
      }>();
      expect(alerts.firing.map((alert) => alert.name)).toContain(
        'GalleyDatabaseUnreachable',
      );
    } finally {
      pgProxy.restore();
    }
    await eventually(
      'PostgreSQL to recover',
      async () => (await deep()).code === 200,
    );
    expect(await statusOf('/health/ready')).toBe(200);
  });
});
