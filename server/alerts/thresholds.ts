import { metricNames as m } from '../metrics/server-metrics.js';

/**
 * Every alert threshold, in one place. The Prometheus rules in
 * ops/prometheus/galley-alerts.yml are generated from `alertRules` below,
 * and `GET /api/alerts` evaluates the same numbers against the server's
 * own sliding window, so the two never disagree on a threshold.
 */
export const alertThresholds = {
  /** Share of requests with a 5xx response. */
  serverErrorRateCritical: 0.1,
  /** 95th percentile request latency, in seconds. */
  p95LatencySeconds: 1,
  /** Cache hits / (hits + misses). */
  cacheHitRateWarning: 0.8,
  cacheHitRateCritical: 0.5,
  /** Slow statements per evaluation window. */
  slowQueriesPerWindow: 10,
  /** Fewer requests or cache reads than this in a window prove nothing. */
  minRequestsPerWindow: 20,
  minCacheReadsPerWindow: 20,
} as const;

/** Window of every rate in the rules; the server's sliding window matches. */
export const evaluationWindow = '5m';
export const evaluationWindowMs = 5 * 60_000;

/**
 * P0: trucks cannot sync at all. P1: many requests fail or the database is
 * overloaded by cache misses. P2: service is slow or running without its
 * cache. P3: early warning, look during working hours.
 */
export type Severity = 'P0' | 'P1' | 'P2' | 'P3';

export interface AlertRule {
  name: string;
  severity: Severity;
  /** Alertmanager's usual routing label. */
  level: 'critical' | 'warning';
  /** How long the condition must hold before Prometheus fires. */
  for: string;
  expr: string;
  summary: string;
  /** Anchor of the runbook section in docs/operations.md. */
  runbookSection: string;
}

export const runbookDocument = 'docs/operations.md';

const w = evaluationWindow;
const t = alertThresholds;
const requestRate = `sum(rate(${m.httpRequests}[${w}]))`;
const cacheReads = `(sum(rate(${m.cacheHits}[${w}])) + sum(rate(${m.cacheMisses}[${w}])))`;
const hitRate = `(sum(rate(${m.cacheHits}[${w}])) / ${cacheReads})`;
const enoughCacheReads = `sum(increase(${m.cacheHits}[${w}])) + sum(increase(${m.cacheMisses}[${w}])) >= ${t.minCacheReadsPerWindow}`;
const enoughRequests = `sum(increase(${m.httpRequests}[${w}])) >= ${t.minRequestsPerWindow}`;
// The histogram leaves out long polls, so the latency rule counts the
// requests it measured rather than every request.
const enoughTimedRequests = `sum(increase(${m.httpDuration}_count[${w}])) >= ${t.minRequestsPerWindow}`;

export const alertRules: readonly AlertRule[] = [
  {
    name: 'GalleyServiceDown',
    severity: 'P0',
    level: 'critical',
    for: '1m',
    expr: 'up{job="galley"} == 0',
    summary: 'Prometheus cannot scrape the Galley server.',
    runbookSection: 'emergency-restart',
  },
  {
    name: 'GalleyDatabaseUnreachable',
    severity: 'P0',
    level: 'critical',
    for: '1m',
    expr: `${m.dependencyUp}{dependency="database"} == 0`,
    summary: 'The Galley server cannot reach its database.',
    runbookSection: 'database-connection-errors',
  },
  {
    name: 'GalleyHighErrorRate',
    severity: 'P1',
    level: 'critical',
    for: '5m',
    expr: `(sum(rate(${m.httpRequests}{status_class="5xx"}[${w}])) / ${requestRate}) > ${t.serverErrorRateCritical} and ${enoughRequests}`,
    summary: `More than ${t.serverErrorRateCritical * 100}% of requests fail with a server error.`,
    runbookSection: 'high-error-rate',
  },
  {
    name: 'GalleyCacheHitRateCritical',
    severity: 'P1',
    level: 'critical',
    for: '10m',
    expr: `${hitRate} < ${t.cacheHitRateCritical} and ${enoughCacheReads}`,
    summary: `Cache hit rate is below ${t.cacheHitRateCritical * 100}%.`,
    runbookSection: 'low-cache-hit-rate',
  },
  {
    name: 'GalleyHighLatency',
    severity: 'P2',
    level: 'warning',
    for: '10m',
    expr: `histogram_quantile(0.95, sum by (le) (rate(${m.httpDuration}_bucket[${w}]))) > ${t.p95LatencySeconds} and ${enoughTimedRequests}`,
    summary: `95th percentile request latency is above ${t.p95LatencySeconds} s.`,
    runbookSection: 'high-latency',
  },
  {
    name: 'GalleyCacheHitRateLow',
    severity: 'P2',
    level: 'warning',
    for: '15m',
    expr: `${hitRate} < ${t.cacheHitRateWarning} and ${enoughCacheReads}`,
    summary: `Cache hit rate is below ${t.cacheHitRateWarning * 100}%.`,
    runbookSection: 'low-cache-hit-rate',
  },
  {
    name: 'GalleyCacheUnavailable',
    severity: 'P2',
    level: 'warning',
    for: '5m',
    expr: `${m.dependencyUp}{dependency="redis"} == 0`,
    summary:
      'Redis does not answer; the server is degraded and reads the database.',
    runbookSection: 'low-cache-hit-rate',
  },
  {
    name: 'GalleySlowQueriesRising',
    severity: 'P3',
    level: 'warning',
    for: '10m',
    expr: `sum(increase(${m.slowQueries}[${w}])) > ${t.slowQueriesPerWindow}`,
    summary: `More than ${t.slowQueriesPerWindow} slow database statements in ${w}.`,
    runbookSection: 'high-latency',
  },
];

export function runbookLink(rule: AlertRule): string {
  return `${runbookDocument}#${rule.runbookSection}`;
}
