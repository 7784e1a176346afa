import type { ServerMetrics } from '../metrics/server-metrics.js';
import {
  alertRules,
  alertThresholds as t,
  runbookLink,
  type AlertRule,
} from './thresholds.js';

export interface FiringAlert {
  name: string;
  severity: AlertRule['severity'];
  level: AlertRule['level'];
  summary: string;
  /** The measured value that crossed the threshold. */
  value: number;
  threshold: number;
  runbook: string;
}

type Evaluation = { value: number; threshold: number } | null;

/**
 * Evaluates the alert rules against this server's own window, the same
 * thresholds Prometheus uses. Long polls count as requests but not toward
 * the latency rule, as in the histogram. Differences from the Prometheus
 * rules: latency uses the exact nearest-rank p95 instead of a histogram
 * estimate, conditions need not hold for the rule's `for` duration, and
 * `GalleyServiceDown` is never reported, since a server that responds is up.
 */
export function evaluateAlerts(metrics: ServerMetrics): FiringAlert[] {
  const requests = metrics.requestWindow.summarize();
  const queries = metrics.queryWindow.current();
  const { hits, misses } = metrics.cacheCounts;
  const cacheReads = hits + misses;
  const hitRate = cacheReads === 0 ? 1 : hits / cacheReads;
  const enoughRequests = requests.count >= t.minRequestsPerWindow;
  const enoughTimedRequests = requests.latencyCount >= t.minRequestsPerWindow;
  const enoughReads = cacheReads >= t.minCacheReadsPerWindow;

  const above = (value: number, threshold: number, when = true): Evaluation =>
    when && value > threshold ? { value, threshold } : null;
  const below = (value: number, threshold: number, when = true): Evaluation =>
    when && value < threshold ? { value, threshold } : null;
  const down = (up: boolean | undefined): Evaluation =>
    up === false ? { value: 0, threshold: 1 } : null;

  const evaluations: Record<string, () => Evaluation> = {
    GalleyServiceDown: () => null,
    GalleyDatabaseUnreachable: () =>
      down(metrics.dependencyStatus.get('database')),
    GalleyHighErrorRate: () =>
      above(
        requests.serverErrorRate,
        t.serverErrorRateCritical,
        enoughRequests,
      ),
    GalleyCacheHitRateCritical: () =>
      below(hitRate, t.cacheHitRateCritical, enoughReads),
    GalleyHighLatency: () =>
      above(
        (requests.p95 ?? 0) / 1000,
        t.p95LatencySeconds,
        enoughTimedRequests,
      ),
    GalleyCacheHitRateLow: () =>
      below(hitRate, t.cacheHitRateWarning, enoughReads),
    GalleyCacheUnavailable: () => down(metrics.dependencyStatus.get('redis')),
    GalleySlowQueriesRising: () =>
      above(
        queries.filter((sample) => sample.durationMs >= metrics.slowQueryMs)
          .length,
        t.slowQueriesPerWindow,
      ),
  };

  const firing: FiringAlert[] = [];
  for (const rule of alertRules) {
    const evaluate = evaluations[rule.name];
    if (!evaluate)
      throw new Error(`Alert rule ${rule.name} has no evaluation.`);
    const result = evaluate();
    if (!result) continue;
    firing.push({
      name: rule.name,
      severity: rule.severity,
      level: rule.level,
      summary: rule.summary,
      value: result.value,
      threshold: result.threshold,
      runbook: runbookLink(rule),
    });
  }
  return firing;
}
