import type { WindowSummary } from './sliding-window.js';
import type { PoolStats, ServerMetrics } from './server-metrics.js';

/** The body of `GET /api/metrics`. Durations are milliseconds. */
export interface MetricsSnapshot {
  generatedAt: string;
  windowSeconds: number;
  requests: {
    overall: WindowSummary;
    /** Keyed by `METHOD route-template`, such as `GET /health/live`. */
    byRoute: Record<string, WindowSummary>;
  };
  database: {
    queries: number;
    failedQueries: number;
    slowQueries: number;
    slowQueryThresholdMs: number;
    /** Statement latency over the window. */
    latency: Pick<WindowSummary, 'count' | 'rate' | 'p50' | 'p95' | 'p99'>;
    /** Null on the embedded store, which has one connection and no pool. */
    pool: PoolStats | null;
  };
  cache: {
    backend: string;
    hits: number;
    misses: number;
    /** hits / (hits + misses) since start; null before the first read. */
    hitRate: number | null;
    errors: number;
    operations: ServerMetrics['cacheCounts']['operations'];
  };
  process: {
    uptimeSeconds: number;
    memory: {
      rssBytes: number;
      heapUsedBytes: number;
      heapTotalBytes: number;
      externalBytes: number;
    };
    cpu: { userSeconds: number; systemSeconds: number };
  };
}

export function buildMetricsSnapshot(
  metrics: ServerMetrics,
  cacheBackend: string,
): MetricsSnapshot {
  const byRoute: Record<string, WindowSummary> = {};
  const routes = [...metrics.routeWindows.keys()].sort();
  for (const route of routes) {
    const summary = metrics.routeWindows.get(route)?.summarize();
    if (summary && summary.count > 0) byRoute[route] = summary;
  }

  const queryWindow = metrics.queryWindow.summarize();
  const { hits, misses, errors, operations } = metrics.cacheCounts;
  const reads = hits + misses;
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();

  return {
    generatedAt: new Date().toISOString(),
    windowSeconds: metrics.windowMs / 1000,
    requests: { overall: metrics.requestWindow.summarize(), byRoute },
    database: {
      queries: metrics.queryCounts.total,
      failedQueries: metrics.queryCounts.failed,
      slowQueries: metrics.queryCounts.slow,
      slowQueryThresholdMs: metrics.slowQueryMs,
      latency: {
        count: queryWindow.count,
        rate: queryWindow.rate,
        p50: queryWindow.p50,
        p95: queryWindow.p95,
        p99: queryWindow.p99,
      },
      pool: metrics.readPoolStats(),
    },
    cache: {
      backend: cacheBackend,
      hits,
      misses,
      hitRate: reads === 0 ? null : hits / reads,
      errors,
      operations: { ...operations },
    },
    process: {
      uptimeSeconds: Math.round(metrics.uptimeSeconds()),
      memory: {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
      },
      cpu: { userSeconds: cpu.user / 1e6, systemSeconds: cpu.system / 1e6 },
    },
  };
}
