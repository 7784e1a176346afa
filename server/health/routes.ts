import type { FastifyInstance } from 'fastify';

import type { Dependency, ServerMetrics } from '../metrics/server-metrics.js';
import {
  describeFailure,
  overallStatus,
  runCheck,
  withTimeout,
  type CheckResult,
} from './checks.js';

export interface HealthDependencies {
  /** Resolves when the database responds to a trivial query. */
  checkDatabase(): Promise<unknown>;
  /** Resolves when the cache responds to a ping. */
  checkCache(): Promise<unknown>;
  /** `redis` or `memory`, reported beside the cache check. */
  cacheBackend: string;
  /** True when every migration shipped with this code is applied. */
  migrationsApplied(): Promise<boolean>;
  /** True once graceful shutdown has begun; readiness then fails. */
  isShuttingDown?(): boolean;
  /** Dependency results are recorded here for `/metrics` and alerts. */
  metrics?: ServerMetrics;
  databaseTimeoutMs?: number;
  cacheTimeoutMs?: number;
}

export const defaultDatabaseTimeoutMs = 2000;
export const defaultCacheTimeoutMs = 250;

/**
 * Registers the health endpoints:
 * - `GET /health` and `GET /api/health`: quick status, no dependency touched.
 * - `GET /api/health?deep=true`: checks the database and the cache, each
 *   with its own timeout. 200 when healthy or degraded (cache down), 503
 *   when the database is down.
 * - `GET /health/live`: 200 while the process runs; touches nothing.
 * - `GET /health/ready`: 200 only when the database responds and every
 *   migration is applied, and not while shutting down; 503 otherwise.
 */
export async function healthRoutes(
  app: FastifyInstance,
  deps: HealthDependencies,
): Promise<void> {
  const databaseTimeoutMs = deps.databaseTimeoutMs ?? defaultDatabaseTimeoutMs;
  const cacheTimeoutMs = deps.cacheTimeoutMs ?? defaultCacheTimeoutMs;
  const shuttingDown = () => deps.isShuttingDown?.() ?? false;

  const record = (dependency: Dependency, result: CheckResult) => {
    deps.metrics?.recordDependency(dependency, result.status === 'healthy');
    return result;
  };

  const quickStatus = async (
    _request: unknown,
    reply: { code(n: number): unknown },
  ) => {
    if (shuttingDown()) {
      reply.code(503);
      return { status: 'shutting_down' };
    }
    return { status: 'healthy' };
  };

  app.get('/health', quickStatus);

  app.get<{ Querystring: { deep?: string } }>(
    '/api/health',
    async (request, reply) => {
      if (request.query.deep !== 'true') return quickStatus(request, reply);

      const [database, redis] = await Promise.all([
        runCheck(deps.checkDatabase, databaseTimeoutMs).then((r) =>
          record('database', r),
        ),
        runCheck(deps.checkCache, cacheTimeoutMs).then((r) =>
          record('redis', r),
        ),
      ]);
      const status = overallStatus(database, redis);
      reply.code(status === 'unhealthy' ? 503 : 200);
      return {
        status,
        checks: { database, redis: { ...redis, backend: deps.cacheBackend } },
      };
    },
  );

  app.get('/health/live', async () => ({ status: 'alive' }));

  app.get('/health/ready', async (_request, reply) => {
    if (shuttingDown()) {
      reply.code(503);
      return { status: 'not_ready', reason: 'The server is shutting down.' };
    }

    const database = record(
      'database',
      await runCheck(deps.checkDatabase, databaseTimeoutMs),
    );
    if (database.status !== 'healthy') {
      reply.code(503);
      return {
        status: 'not_ready',
        reason: `Database check failed: ${database.error}`,
      };
    }

    let applied: boolean;
    try {
      applied = await withTimeout(deps.migrationsApplied(), databaseTimeoutMs);
    } catch (error) {
      reply.code(503);
      return {
        status: 'not_ready',
        reason: `Reading the applied migrations failed: ${describeFailure(error)}`,
      };
    }
    if (!applied) {
      reply.code(503);
      return {
        status: 'not_ready',
        reason:
          'Database migrations are not all applied. Run npm run db:migrate.',
      };
    }
    return { status: 'ready' };
  });
}
