import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

import type { ServerMetrics } from './server-metrics.js';

type QueryRecorder = (sql: string, durationMs: number, failed: boolean) => void;

/**
 * Times every statement that goes through a node-postgres pool and makes
 * the pool gauges read from it. Pool.query() is timed itself, because it
 * calls the client's callback form. Transactions take a client from the
 * pool and call its promise form, which is wrapped as the pool creates
 * each client. Callback and cursor calls made by the application pass
 * through untimed; drizzle makes neither.
 */
export function instrumentPgPool(pool: pg.Pool, metrics: ServerMetrics): void {
  const record: QueryRecorder = (sql, ms, failed) =>
    metrics.recordQuery(sql, ms, failed);

  wrapQueryMethod(pool, record);
  pool.on('connect', (client) => wrapQueryMethod(client, record));
  metrics.setPoolStats(() => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));
}

/**
 * Times statements on the embedded PGlite store, including those inside
 * transactions. The embedded store has one connection and no pool, so no
 * pool gauges are registered for it.
 */
export function instrumentPglite(client: PGlite, metrics: ServerMetrics): void {
  const record: QueryRecorder = (sql, ms, failed) =>
    metrics.recordQuery(sql, ms, failed);

  wrapQueryMethod(client, record);
  wrapMethod(client as unknown as Record<string, unknown>, 'exec', record);

  const transaction = client.transaction.bind(client);
  client.transaction = ((callback: (tx: object) => Promise<unknown>) =>
    transaction((tx) => {
      wrapQueryMethod(tx, record);
      return callback(tx);
    })) as PGlite['transaction'];
}

function wrapQueryMethod(target: object, record: QueryRecorder): void {
  wrapMethod(target as Record<string, unknown>, 'query', record);
}

const wrapped = Symbol('galley.metrics.wrapped');

/**
 * Replaces `target[name]` with a version that times promise results. The
 * first argument is either the SQL text or a config object whose `text`
 * is the SQL; parameter values are never read.
 */
function wrapMethod(
  target: Record<string | symbol, unknown>,
  name: string,
  record: QueryRecorder,
): void {
  const original = target[name];
  const done = (target[wrapped] ??= new Set<string>()) as Set<string>;
  if (typeof original !== 'function' || done.has(name)) return;
  done.add(name);

  target[name] = function timed(this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (!isPromiseLike(result)) return result;

    const sql = statementText(args[0]);
    return result.then(
      (value) => {
        record(sql, performance.now() - started, false);
        return value;
      },
      (error: unknown) => {
        record(sql, performance.now() - started, true);
        throw error;
      },
    );
  };
}

function statementText(first: unknown): string {
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && 'text' in first) {
    const text = (first as { text: unknown }).text;
    if (typeof text === 'string') return text;
  }
  return '';
}

function isPromiseLike(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
