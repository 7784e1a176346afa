import { Writable } from 'node:stream';

import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase } from '../../test/support/postgres.js';
import {
  instrumentPglite,
  instrumentPgPool,
} from './database-instrumentation.js';
import { ServerMetrics } from './server-metrics.js';
import { buildMetricsSnapshot } from './snapshot.js';

/** Creates a pino logger that collects its JSON lines in `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim())
          lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const secret = 'ana.secret@example.test';

describe('query metrics on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let metrics: ServerMetrics;
  const log = capturingLogger();

  beforeAll(async () => {
    database = await createTestDatabase('ops_queries');
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
    metrics = new ServerMetrics({
      logger: log.logger,
      slowQueryMs: 200,
      collectProcessMetrics: false,
    });
    instrumentPgPool(pool, metrics);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('counts statements and logs slow ones without values', async () => {
    const db = drizzle({ client: pool });
    await db.execute(sql`select ${secret}::text as email`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
    });
    await db.execute(sql`select pg_sleep(0.25), ${secret}::text as email`);
    await expect(
      db.execute(sql`select * from no_such_table`),
    ).rejects.toThrow();

    // select, begin, select, commit, slow select, failed select
    expect(metrics.queryCounts.total).toBe(6);
    expect(metrics.queryCounts.slow).toBe(1);
    expect(metrics.queryCounts.failed).toBe(1);

    const slowLines = log.lines.filter(
      (line) => line.msg === 'Slow database statement',
    );
    expect(slowLines).toHaveLength(1);
    expect(slowLines[0]?.statement).toBe(
      'select pg_sleep(?), $1::text as email',
    );
    expect(slowLines[0]?.thresholdMs).toBe(200);
    expect(JSON.stringify(log.lines)).not.toContain(secret);
  });

  it('reads pool gauges on scrape', async () => {
    const text = await metrics.registry.metrics();
    const stats = metrics.readPoolStats();
    expect(stats).toEqual({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: 0,
    });
    expect(text).toContain(
      `galley_db_pool_connections{state="total"} ${pool.totalCount}`,
    );
    expect(text).toContain(
      'galley_db_slow_queries_total{operation="select"} 1',
    );

    const snapshot = buildMetricsSnapshot(metrics, 'memory');
    expect(snapshot.database.queries).toBe(6);
    expect(snapshot.database.slowQueries).toBe(1);
    expect(snapshot.database.pool?.waiting).toBe(0);
    expect(snapshot.database.latency.count).toBe(6);
  });
});

describe('query metrics on PGlite', () => {
  it('times statements inside and outside transactions', async () => {
    const client = await PGlite.create();
    try {
      const metrics = new ServerMetrics({
        logger: pino({ level: 'silent' }),
        collectProcessMetrics: false,
      });
      instrumentPglite(client, metrics);
      const db = drizzlePglite({ client });

      await db.execute(sql`select 1`);
      await db.transaction(async (tx) => {
        await tx.execute(sql`select 2`);
        await tx.execute(sql`select 3`);
      });

      expect(metrics.queryCounts.total).toBe(3);
      expect(metrics.readPoolStats()).toBeNull();
    } finally {
      await client.close();
    }
  });
});
