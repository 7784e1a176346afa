import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { Logger } from 'pino';

import { defaultWindowMs, SlidingWindow } from './sliding-window.js';
import { describeStatement, queryOperation } from './statements.js';

/**
 * Bucket edges in seconds. They sit on the latency budgets in milliseconds
 * (5, 10, 25, 50, 100, 250, 500, 1000 ms and beyond), so an alert on a
 * budget compares against a bucket edge instead of an interpolation.
 */
export const latencyBucketsSeconds = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export const defaultSlowQueryMs = 200;

/** One metric name per fact; the alert rules and the dashboard use these. */
export const metricNames = {
  httpDuration: 'galley_http_request_duration_seconds',
  httpRequests: 'galley_http_requests_total',
  queryDuration: 'galley_db_query_duration_seconds',
  queries: 'galley_db_queries_total',
  slowQueries: 'galley_db_slow_queries_total',
  poolConnections: 'galley_db_pool_connections',
  cacheHits: 'galley_cache_hits_total',
  cacheMisses: 'galley_cache_misses_total',
  cacheErrors: 'galley_cache_errors_total',
  cacheOperations: 'galley_cache_operations_total',
  dependencyUp: 'galley_dependency_up',
  uptime: 'galley_process_uptime_seconds',
} as const;

export type CacheOperation = 'get' | 'set' | 'del' | 'clear';
export type Dependency = 'database' | 'redis';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** Counts kept beside the Prometheus counters, for the JSON view. */
export interface CacheCounts {
  hits: number;
  misses: number;
  errors: number;
  operations: Record<CacheOperation, number>;
}

export interface QueryCounts {
  total: number;
  slow: number;
  failed: number;
}

export interface ServerMetricsOptions {
  logger: Logger;
  /** Statements slower than this are counted and logged. */
  slowQueryMs?: number;
  windowMs?: number;
  now?: () => number;
  /** Adds prom-client's process and Node.js metrics; off in unit tests. */
  collectProcessMetrics?: boolean;
}

/**
 * The server's metrics: one prom-client registry for `/metrics`, and the
 * sliding windows and plain counts behind `/api/metrics` and `/api/alerts`.
 * Create one per app instance; nothing here is global.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly slowQueryMs: number;
  readonly startedAt: number;
  readonly windowMs: number;
  readonly requestWindow: SlidingWindow;
  readonly routeWindows = new Map<string, SlidingWindow>();
  readonly queryWindow: SlidingWindow;
  readonly cacheCounts: CacheCounts = {
    hits: 0,
    misses: 0,
    errors: 0,
    operations: { get: 0, set: 0, del: 0, clear: 0 },
  };
  readonly queryCounts: QueryCounts = { total: 0, slow: 0, failed: 0 };
  readonly dependencyStatus = new Map<Dependency, boolean>();
  private poolStats: (() => PoolStats) | null = null;

  private readonly log: Logger;
  private readonly now: () => number;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly httpRequests: Counter<'method' | 'route' | 'status_class'>;
  private readonly queryDuration: Histogram<'operation'>;
  private readonly queries: Counter<'operation'>;
  private readonly slowQueries: Counter<'operation'>;
  private readonly cacheHits: Counter;
  private readonly cacheMisses: Counter;
  private readonly cacheErrors: Counter<'operation'>;
  private readonly cacheOperations: Counter<'operation'>;
  private readonly dependencyUp: Gauge<'dependency'>;

  constructor(options: ServerMetricsOptions) {
    this.log = options.logger.child({ module: 'metrics' });
    this.slowQueryMs = options.slowQueryMs ?? defaultSlowQueryMs;
    this.windowMs = options.windowMs ?? defaultWindowMs;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.requestWindow = this.newWindow();
    this.queryWindow = this.newWindow();

    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: metricNames.httpDuration,
      help: 'HTTP request latency by route template, in seconds. Long polls are not observed.',
      labelNames: ['method', 'route'],
      buckets: latencyBucketsSeconds,
      registers,
    });
    this.httpRequests = new Counter({
      name: metricNames.httpRequests,
      help: 'HTTP requests by route template and status class (2xx, 4xx, 5xx).',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.queryDuration = new Histogram({
      name: metricNames.queryDuration,
      help: 'Database statement latency by operation, in seconds.',
      labelNames: ['operation'],
      buckets: latencyBucketsSeconds,
      registers,
    });
    this.queries = new Counter({
      name: metricNames.queries,
      help: 'Database statements run, by operation.',
      labelNames: ['operation'],
      registers,
    });
    this.slowQueries = new Counter({
      name: metricNames.slowQueries,
      help: 'Database statements slower than the slow-query threshold.',
      labelNames: ['operation'],
      registers,
    });
    this.cacheHits = new Counter({
      name: metricNames.cacheHits,
      help: 'Cache reads that found a value.',
      registers,
    });
    this.cacheMisses = new Counter({
      name: metricNames.cacheMisses,
      help: 'Cache reads that found nothing.',
      registers,
    });
    this.cacheErrors = new Counter({
      name: metricNames.cacheErrors,
      help: 'Cache operations that failed; reads then fall back to the database.',
      labelNames: ['operation'],
      registers,
    });
    this.cacheOperations = new Counter({
      name: metricNames.cacheOperations,
      help: 'Cache operations attempted, by operation.',
      labelNames: ['operation'],
      registers,
    });
    this.dependencyUp = new Gauge({
      name: metricNames.dependencyUp,
      help: 'Result of the latest health check of a dependency: 1 up, 0 down.',
      labelNames: ['dependency'],
      registers,
    });
    this.registerUptime();
    this.registerPoolGauge();

    if (options.collectProcessMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  /**
   * Records one HTTP response. A long poll keeps its request open until
   * something changes or its timeout passes, so its duration measures the
   * wait rather than the server's speed. It is counted by status like any
   * request, but stays out of the latency histogram and the percentiles
   * that the latency alert reads.
   */
  recordRequest(
    method: string,
    route: string,
    statusCode: number,
    durationMs: number,
    options: { longPoll?: boolean } = {},
  ): void {
    const longPoll = options.longPoll ?? false;
    if (!longPoll) {
      this.httpDuration.observe({ method, route }, durationMs / 1000);
    }
    this.httpRequests.inc({
      method,
      route,
      status_class: statusClass(statusCode),
    });

    const recordOptions = { excludeFromLatency: longPoll };
    this.requestWindow.record(durationMs, statusCode, recordOptions);
    const key = `${method} ${route}`;
    let window = this.routeWindows.get(key);
    if (!window) {
      window = this.newWindow();
      this.routeWindows.set(key, window);
    }
    window.record(durationMs, statusCode, recordOptions);
  }

  /**
   * Records one database statement. `sql` is the statement text only;
   * callers never pass parameter values, and literals inside the text are
   * masked before a slow statement is logged.
   */
  recordQuery(sql: string, durationMs: number, failed = false): void {
    const operation = queryOperation(sql);
    this.queryDuration.observe({ operation }, durationMs / 1000);
    this.queries.inc({ operation });
    this.queryWindow.record(durationMs, failed ? 500 : 200);
    this.queryCounts.total += 1;
    if (failed) this.queryCounts.failed += 1;

    if (durationMs >= this.slowQueryMs) {
      this.slowQueries.inc({ operation });
      this.queryCounts.slow += 1;
      this.log.warn(
        {
          durationMs: Math.round(durationMs),
          thresholdMs: this.slowQueryMs,
          statement: describeStatement(sql),
        },
        'Slow database statement',
      );
    }
  }

  recordCacheRead(hit: boolean): void {
    this.recordCacheOperation('get');
    if (hit) {
      this.cacheHits.inc();
      this.cacheCounts.hits += 1;
    } else {
      this.cacheMisses.inc();
      this.cacheCounts.misses += 1;
    }
  }

  recordCacheOperation(operation: CacheOperation): void {
    this.cacheOperations.inc({ operation });
    this.cacheCounts.operations[operation] += 1;
  }

  recordCacheError(operation: CacheOperation): void {
    this.cacheErrors.inc({ operation });
    this.cacheCounts.errors += 1;
  }

  recordDependency(dependency: Dependency, up: boolean): void {
    this.dependencyUp.set({ dependency }, up ? 1 : 0);
    this.dependencyStatus.set(dependency, up);
  }

  /** Makes the pool gauges read from `stats` on every scrape. */
  setPoolStats(stats: () => PoolStats): void {
    this.poolStats = stats;
  }

  readPoolStats(): PoolStats | null {
    return this.poolStats ? this.poolStats() : null;
  }

  uptimeSeconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  private newWindow(): SlidingWindow {
    return new SlidingWindow({ windowMs: this.windowMs, now: this.now });
  }

  private registerUptime(): void {
    const uptime = () => this.uptimeSeconds();
    new Gauge({
      name: metricNames.uptime,
      help: 'Seconds since this server process started serving.',
      registers: [this.registry],
      collect() {
        this.set(uptime());
      },
    });
  }

  private registerPoolGauge(): void {
    const read = () => this.readPoolStats();
    new Gauge({
      name: metricNames.poolConnections,
      help: 'Database pool connections by state: total, idle, waiting.',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = read();
        if (!stats) return;
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }
}

export function statusClass(
  statusCode: number,
): '2xx' | '3xx' | '4xx' | '5xx' | '1xx' {
  if (statusCode >= 500) return '5xx';
  if (statusCode >= 400) return '4xx';
  if (statusCode >= 300) return '3xx';
  if (statusCode >= 200) return '2xx';
  return '1xx';
}
