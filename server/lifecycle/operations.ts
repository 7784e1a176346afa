import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';

import { alertRoutes } from '../alerts/routes.js';
import { createCache, type CacheEnvironment } from '../cache/create-cache.js';
import { FailSoftCache } from '../cache/fail-soft-cache.js';
import { runCheck } from '../health/checks.js';
import {
  defaultCacheTimeoutMs,
  defaultDatabaseTimeoutMs,
  healthRoutes,
} from '../health/routes.js';
import {
  instrumentPglite,
  instrumentPgPool,
} from '../metrics/database-instrumentation.js';
import { installHttpMetrics } from '../metrics/http-metrics.js';
import { metricsRoutes } from '../metrics/routes.js';
import {
  defaultSlowQueryMs,
  ServerMetrics,
} from '../metrics/server-metrics.js';
import { echoRequestIds } from './request-ids.js';

export interface OperationsEnvironment extends CacheEnvironment {
  /** Statements slower than this many milliseconds are logged (default 200). */
  SLOW_QUERY_MS?: string;
}

/** Database access for the operations surface. */
export interface OperationsDatabase {
  /** Resolves when the database responds to a trivial query. */
  check(): Promise<unknown>;
  migrationsApplied(): Promise<boolean>;
  /** The driver underneath, so that statements can be timed. */
  pool?: pg.Pool;
  pglite?: PGlite;
}

/**
 * The server's operations surface: metrics, the cache, health, alerts and
 * the shutdown flag. One instance per app.
 */
export class Operations {
  private shuttingDown = false;

  constructor(
    readonly metrics: ServerMetrics,
    readonly cache: FailSoftCache,
    readonly database: OperationsDatabase,
  ) {}

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Fails readiness and quick health from now on; requests still run. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  /** Runs both dependency checks and records them for metrics and alerts. */
  async refreshDependencies(): Promise<void> {
    const [database, redis] = await Promise.all([
      runCheck(() => this.database.check(), defaultDatabaseTimeoutMs),
      runCheck(() => this.cache.ping(), defaultCacheTimeoutMs),
    ]);
    this.metrics.recordDependency('database', database.status === 'healthy');
    this.metrics.recordDependency('redis', redis.status === 'healthy');
  }

  close(): Promise<void> {
    return this.cache.close();
  }
}

export async function createOperations(options: {
  logger: Logger;
  database: OperationsDatabase;
  env?: OperationsEnvironment;
}): Promise<Operations> {
  const env = options.env ?? process.env;
  const metrics = new ServerMetrics({
    logger: options.logger,
    slowQueryMs: parseSlowQueryMs(env.SLOW_QUERY_MS),
  });
  if (options.database.pool) instrumentPgPool(options.database.pool, metrics);
  if (options.database.pglite)
    instrumentPglite(options.database.pglite, metrics);

  const cache = new FailSoftCache(
    await createCache(env, options.logger),
    metrics,
    options.logger,
  );
  return new Operations(metrics, cache, options.database);
}

/**
 * Adds the operations routes and hooks to the root app: request metrics
 * labelled by route template or procedure, the X-Request-Id echo, health,
 * `/metrics`, `/api/metrics` and `/api/alerts`.
 */
export async function registerOperations(
  app: FastifyInstance,
  operations: Operations,
  options: { procedureNames: Iterable<string>; trpcPrefix?: string },
): Promise<void> {
  const { metrics, cache, database } = operations;
  installHttpMetrics(app, metrics, options);
  echoRequestIds(app);

  await app.register(healthRoutes, {
    checkDatabase: () => database.check(),
    checkCache: () => cache.ping(),
    cacheBackend: cache.backend,
    migrationsApplied: () => database.migrationsApplied(),
    isShuttingDown: () => operations.isShuttingDown(),
    metrics,
  });
  await app.register(metricsRoutes, {
    metrics,
    cacheBackend: cache.backend,
    beforeScrape: () => operations.refreshDependencies(),
  });
  await app.register(alertRoutes, {
    metrics,
    refreshDependencies: () => operations.refreshDependencies(),
  });
}

export function parseSlowQueryMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultSlowQueryMs;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      `SLOW_QUERY_MS must be a positive number of milliseconds, got "${value}". ` +
        `Unset it for the default of ${defaultSlowQueryMs} ms.`,
    );
  }
  return ms;
}
