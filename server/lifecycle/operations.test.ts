import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  parsePrometheusText,
  sumSamples,
} from '../../test/support/prometheus-text.js';
import { createTestDatabase } from '../../test/support/postgres.js';
import type { MetricsSnapshot } from '../metrics/snapshot.js';
import {
  createOperations,
  parseSlowQueryMs,
  registerOperations,
  type Operations,
} from './operations.js';

const logger = pino({ level: 'silent' });

describe('operations surface on a Fastify app', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let operations: Operations;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase('ops_surface');
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    operations = await createOperations({
      logger,
      env: { SLOW_QUERY_MS: '400' },
      database: {
        check: () => pool.query('select 1'),
        migrationsApplied: async () => true,
        pool,
      },
    });
    app = Fastify();
    await registerOperations(app, operations, {
      procedureNames: ['menu.current'],
    });
    app.get('/trucks/:id', async () => {
      await pool.query('select pg_sleep(0.45)');
      return { ok: true };
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await operations?.close();
    await pool?.end();
    await database?.drop();
  });

  it('serves deep health with the in-process cache', async () => {
    const response = await app.inject({ url: '/api/health?deep=true' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      status: string;
      checks: { redis: { backend: string } };
    }>();
    expect(body.status).toBe('healthy');
    expect(body.checks.redis.backend).toBe('memory');
    expect(response.headers['x-request-id']).toMatch(/\S/);
  });

  it('times statements with the configured slow threshold', async () => {
    await app.inject({ url: '/trucks/abc' });
    const snapshot = (
      await app.inject({ url: '/api/metrics' })
    ).json<MetricsSnapshot>();
    expect(snapshot.database.slowQueryThresholdMs).toBe(400);
    expect(snapshot.database.slowQueries).toBe(1);
    expect(snapshot.database.pool?.total).toBeGreaterThanOrEqual(1);
    expect(snapshot.requests.byRoute['GET /trucks/:id']?.count).toBe(1);
    expect(snapshot.cache.backend).toBe('memory');
  });

  it('refreshes dependency gauges on scrape', async () => {
    const text = (await app.inject({ url: '/metrics' })).body;
    const samples = parsePrometheusText(text);
    expect(
      sumSamples(samples, 'galley_dependency_up', { dependency: 'database' }),
    ).toBe(1);
    expect(
      sumSamples(samples, 'galley_dependency_up', { dependency: 'redis' }),
    ).toBe(1);
  });

  it('fails readiness once shutdown begins', async () => {
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    operations.beginShutdown();
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(503);
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/alerts' })).json().firing).toEqual(
      [],
    );
  });
});

describe('parseSlowQueryMs', () => {
  it('defaults, parses and rejects', () => {
    expect(parseSlowQueryMs(undefined)).toBe(200);
    expect(parseSlowQueryMs(' ')).toBe(200);
    expect(parseSlowQueryMs('75')).toBe(75);
    expect(() => parseSlowQueryMs('fast')).toThrow(
      'SLOW_QUERY_MS must be a positive number',
    );
    expect(() => parseSlowQueryMs('0')).toThrow('got "0"');
  });
});
