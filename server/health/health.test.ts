import Fastify, { type FastifyInstance } from 'fastify';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from '../../test/support/processes.js';
import { createTestDatabase } from '../../test/support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { RedisCache } from '../cache/redis-cache.js';
import type { Database } from '../db/connection.js';
import { migrationsFolder } from '../db/migrate.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import { createMigrationsCheck } from './migrations.js';
import { healthRoutes } from './routes.js';

const logger = pino({ level: 'silent' });
const databaseTimeoutMs = 800;
const cacheTimeoutMs = 250;

interface DeepHealth {
  status: string;
  checks: Record<
    string,
    { status: string; responseTime: number; error?: string }
  >;
}

describe('health endpoints against real PostgreSQL and Redis', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let pool: pg.Pool;
  let redis: RedisCache;
  let metrics: ServerMetrics;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase('ops_health');
    const target = new URL(database.url);
    pgProxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port),
    });
    redisProxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });

    const proxiedUrl = new URL(database.url);
    proxiedUrl.host = pgProxy.address;
    pool = new pg.Pool({ connectionString: proxiedUrl.toString(), max: 4 });
    pool.on('error', () => undefined);
    redis = new RedisCache({
      url: `redis://${redisProxy.address}`,
      logger,
      // Longer than the health check's own timeout, which must win.
      commandTimeoutMs: 1000,
    });
    await redis.connect();
    metrics = new ServerMetrics({ logger, collectProcessMetrics: false });

    const db = drizzle({ client: pool }) as unknown as Database;
    app = Fastify();
    await app.register(healthRoutes, {
      checkDatabase: () => pool.query('select 1'),
      checkCache: () => redis.ping(),
      cacheBackend: 'redis',
      migrationsApplied: createMigrationsCheck(db),
      metrics,
      databaseTimeoutMs,
      cacheTimeoutMs,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await redis?.close();
    await pool?.end().catch(() => undefined);
    await pgProxy?.close();
    await redisProxy?.close();
    await database?.drop();
  });

  const deepHealth = async () => {
    const response = await app.inject({ url: '/api/health?deep=true' });
    return {
      statusCode: response.statusCode,
      body: response.json<DeepHealth>(),
    };
  };
  const statusOf = async (url: string) =>
    (await app.inject({ url })).statusCode;

  it('readiness waits for migrations', async () => {
    const before = await app.inject({ url: '/health/ready' });
    expect(before.statusCode).toBe(503);
    expect(before.json().reason).toContain('npm run db:migrate');

    const direct = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      await migrate(drizzle({ client: direct }), { migrationsFolder });
    } finally {
      await direct.end();
    }

    const after = await app.inject({ url: '/health/ready' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ status: 'ready' });
  });

  it('deep health is healthy with both up', async () => {
    const { statusCode, body } = await deepHealth();
    expect(statusCode).toBe(200);
    expect(body.status).toBe('healthy');
    expect(body.checks.database?.status).toBe('healthy');
    expect(body.checks.redis?.status).toBe('healthy');
    expect(body.checks.database?.responseTime).toBeGreaterThanOrEqual(0);
    expect(body.checks.redis?.responseTime).toBeGreaterThanOrEqual(0);
    expect(body.checks.database?.error).toBeUndefined();
    expect(metrics.dependencyStatus.get('database')).toBe(true);
  });

  it('hung Redis degrades within its timeout', async () => {
    redisProxy.pause();
    try {
      const { statusCode, body } = await deepHealth();
      expect(statusCode).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.checks.database?.status).toBe('healthy');
      expect(body.checks.redis?.status).toBe('unhealthy');
      expect(body.checks.redis?.error).toBe(
        `No answer within ${cacheTimeoutMs} ms.`,
      );
      // The check gives up at its timeout; the bound only proves it did
      // not wait for Redis, and leaves room for a busy machine.
      expect(body.checks.redis?.responseTime).toBeGreaterThanOrEqual(
        cacheTimeoutMs - 5,
      );
      expect(body.checks.redis?.responseTime).toBeLessThan(
        cacheTimeoutMs + 1500,
      );
      expect(await statusOf('/health/live')).toBe(200);
      expect(await statusOf('/health/ready')).toBe(200);
      expect(metrics.dependencyStatus.get('redis')).toBe(false);
    } finally {
      redisProxy.restore();
    }
  });

  it('refused Redis degrades with the reason', async () => {
    redisProxy.cut();
    try {
      await eventually('Redis check to fail', async () => {
        const { body } = await deepHealth();
        return body.checks.redis?.status === 'unhealthy';
      });
      const { statusCode, body } = await deepHealth();
      expect(statusCode).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.checks.redis?.error).toMatch(/\S/);
    } finally {
      redisProxy.restore();
    }
    await eventually('Redis to reconnect', async () => {
      const { body } = await deepHealth();
      return body.status === 'healthy';
    });
  });

  it('hung PostgreSQL is unhealthy with 503', async () => {
    pgProxy.pause();
    try {
      const { statusCode, body } = await deepHealth();
      expect(statusCode).toBe(503);
      expect(body.status).toBe('unhealthy');
      expect(body.checks.database?.status).toBe('unhealthy');
      expect(body.checks.database?.error).toBe(
        `No answer within ${databaseTimeoutMs} ms.`,
      );
      expect(body.checks.database?.responseTime).toBeLessThan(
        databaseTimeoutMs + 1500,
      );
      expect(body.checks.redis?.status).toBe('healthy');

      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().reason).toContain('Database check failed');
      expect(await statusOf('/health/live')).toBe(200);
      expect(await statusOf('/health')).toBe(200);
      expect(metrics.dependencyStatus.get('database')).toBe(false);
    } finally {
      pgProxy.restore();
    }
  });

  it('refused PostgreSQL is unhealthy, then recovers', async () => {
    pgProxy.cut();
    try {
      const { statusCode, body } = await deepHealth();
      expect(statusCode).toBe(503);
      expect(body.status).toBe('unhealthy');
      expect(body.checks.database?.error).toMatch(/\S/);
      expect(body.checks.database?.error).not.toContain('postgres://');
      expect(await statusOf('/health/ready')).toBe(503);
      expect(await statusOf('/health/live')).toBe(200);
    } finally {
      pgProxy.restore();
    }
    await eventually('PostgreSQL to answer again', async () => {
      const { statusCode } = await deepHealth();
      return statusCode === 200;
    });
    expect((await deepHealth()).body.status).toBe('healthy');
    expect(await statusOf('/health/ready')).toBe(200);
  });
});

describe('health endpoints while shutting down', () => {
  it('readiness and quick status fail, liveness stays', async () => {
    let shuttingDown = false;
    const app = Fastify();
    await app.register(healthRoutes, {
      checkDatabase: async () => undefined,
      checkCache: async () => undefined,
      cacheBackend: 'memory',
      migrationsApplied: async () => true,
      isShuttingDown: () => shuttingDown,
    });
    try {
      expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
      shuttingDown = true;
      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().reason).toBe('The server is shutting down.');
      expect((await app.inject({ url: '/health' })).statusCode).toBe(503);
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
