import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { promtoolAvailability } from '../../test/support/prometheus-text.js';
import { metricNames, ServerMetrics } from '../metrics/server-metrics.js';
import { repositoryRoot } from '../ops/paths.js';
import { evaluateAlerts } from './evaluate.js';
import { dashboardFilePath, renderDashboardFile } from './grafana-dashboard.js';
import { renderRulesFile, rulesFilePath } from './rules-file.js';
import { alertRoutes } from './routes.js';
import { alertRules, alertThresholds } from './thresholds.js';

const logger = pino({ level: 'silent' });
const newMetrics = () =>
  new ServerMetrics({ logger, collectProcessMetrics: false });
const readCommitted = (file: string) =>
  readFileSync(path.join(repositoryRoot, file), 'utf8');

describe('generated monitoring files', () => {
  it('rules file matches the thresholds module', () => {
    expect(readCommitted(rulesFilePath)).toBe(renderRulesFile());
  });

  it('dashboard matches its module', () => {
    expect(readCommitted(dashboardFilePath)).toBe(renderDashboardFile());
  });

  it('passes promtool check rules', (context) => {
    const promtool = promtoolAvailability();
    if ('skipReason' in promtool) {
      process.stderr.write(`${promtool.skipReason}\n`);
      context.skip(promtool.skipReason);
    }
    const result = spawnSync('promtool', ['check', 'rules', rulesFilePath], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    expect(result.stdout).toContain(
      `SUCCESS: ${alertRules.length} rules found`,
    );
    expect(result.status).toBe(0);
  });

  it('fires the rules in promtool unit tests', (context) => {
    const promtool = promtoolAvailability();
    if ('skipReason' in promtool) {
      process.stderr.write(`${promtool.skipReason}\n`);
      context.skip(promtool.skipReason);
    }
    const result = spawnSync(
      'promtool',
      ['test', 'rules', 'ops/prometheus/galley-alerts.test.yml'],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('dashboard queries only known metrics', () => {
    const known = new Set<string>(Object.values(metricNames));
    const processMetrics = [
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'process_cpu_seconds_total',
    ];
    const dashboard = JSON.parse(readCommitted(dashboardFilePath)) as {
      panels: { targets: { expr: string }[] }[];
    };
    const names = dashboard.panels
      .flatMap((panel) => panel.targets)
      .flatMap(
        (target) =>
          target.expr.match(/\b(galley|process|nodejs)_[a-z_]+/g) ?? [],
      )
      .map((name) => name.replace(/_(bucket)$/, ''));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      expect(known.has(name) || processMetrics.includes(name), name).toBe(true);
    }
  });

  it('gives every rule a severity and runbook section', () => {
    for (const rule of alertRules) {
      expect(rule.severity).toMatch(/^P[0-3]$/);
      expect(rule.runbookSection).toMatch(/^[a-z0-9-]+$/);
    }
    const names = alertRules.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('evaluateAlerts', () => {
  it('fires nothing on a healthy server', () => {
    const metrics = newMetrics();
    for (let i = 0; i < 100; i += 1) metrics.recordRequest('GET', '/x', 200, 5);
    for (let i = 0; i < 100; i += 1) metrics.recordCacheRead(i % 10 !== 0);
    metrics.recordDependency('database', true);
    metrics.recordDependency('redis', true);
    expect(evaluateAlerts(metrics)).toEqual([]);
  });

  it('fires the error-rate alert above 10%', () => {
    const metrics = newMetrics();
    for (let i = 0; i < 89; i += 1) metrics.recordRequest('GET', '/x', 200, 5);
    for (let i = 0; i < 11; i += 1) metrics.recordRequest('GET', '/x', 503, 5);

    const firing = evaluateAlerts(metrics);
    expect(firing.map((alert) => alert.name)).toEqual(['GalleyHighErrorRate']);
    expect(firing[0]?.value).toBeCloseTo(0.11, 10);
    expect(firing[0]?.threshold).toBe(alertThresholds.serverErrorRateCritical);
    expect(firing[0]?.severity).toBe('P1');
    expect(firing[0]?.runbook).toBe('docs/operations.md#high-error-rate');
  });

  it('ignores 4xx and too few requests', () => {
    const metrics = newMetrics();
    for (let i = 0; i < 50; i += 1) metrics.recordRequest('GET', '/x', 404, 5);
    for (let i = 0; i < 5; i += 1) metrics.recordRequest('GET', '/y', 500, 5);
    expect(evaluateAlerts(metrics)).toEqual([]);

    const few = newMetrics();
    for (let i = 0; i < 19; i += 1) few.recordRequest('GET', '/x', 500, 5);
    expect(evaluateAlerts(few)).toEqual([]);
  });

  it('fires both cache alerts below 50%', () => {
    const metrics = newMetrics();
    for (let i = 0; i < 40; i += 1) metrics.recordCacheRead(i < 16);

    const firing = evaluateAlerts(metrics);
    expect(firing.map((alert) => alert.name)).toEqual([
      'GalleyCacheHitRateCritical',
      'GalleyCacheHitRateLow',
    ]);
    expect(firing[0]?.value).toBeCloseTo(0.4, 10);
  });

  it('fires only the warning between 50% and 80%', () => {
    const metrics = newMetrics();
    for (let i = 0; i < 40; i += 1) metrics.recordCacheRead(i < 30);
    expect(evaluateAlerts(metrics).map((alert) => alert.name)).toEqual([
      'GalleyCacheHitRateLow',
    ]);
  });

  it('leaves long polls out of the latency alert', () => {
    const metrics = newMetrics();
    const longPoll = { longPoll: true };
    for (let i = 0; i < 19; i += 1) metrics.recordRequest('GET', '/x', 200, 5);
    for (let i = 0; i < 50; i += 1) {
      metrics.recordRequest('GET', '/wait', 200, 25_000, longPoll);
    }
    expect(evaluateAlerts(metrics)).toEqual([]);

    metrics.recordRequest('GET', '/x', 200, 1500);
    expect(evaluateAlerts(metrics)).toEqual([]);

    for (let i = 0; i < 2; i += 1)
      metrics.recordRequest('GET', '/x', 200, 1500);
    const firing = evaluateAlerts(metrics);
    expect(firing.map((alert) => alert.name)).toEqual(['GalleyHighLatency']);
    expect(firing[0]?.value).toBe(1.5);
  });

  it('fires latency, dependency and slow-query alerts', () => {
    const metrics = newMetrics();
    for (let i = 1; i <= 100; i += 1)
      metrics.recordRequest('GET', '/x', 200, i * 20);
    for (let i = 0; i < 11; i += 1)
      metrics.recordQuery('select pg_sleep(1)', 250);
    metrics.recordDependency('database', false);
    metrics.recordDependency('redis', false);

    const firing = evaluateAlerts(metrics);
    expect(firing.map((alert) => alert.name)).toEqual([
      'GalleyDatabaseUnreachable',
      'GalleyHighLatency',
      'GalleyCacheUnavailable',
      'GalleySlowQueriesRising',
    ]);
    expect(firing[1]?.value).toBe(1.9);
  });
});

describe('GET /api/alerts', () => {
  it('lists firing alerts after refreshing dependencies', async () => {
    const metrics = newMetrics();
    const app = Fastify();
    await app.register(alertRoutes, {
      metrics,
      refreshDependencies: async () =>
        metrics.recordDependency('database', false),
    });
    try {
      const response = await app.inject({ url: '/api/alerts' });
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        firing: { name: string; severity: string }[];
      }>();
      expect(body.firing).toEqual([
        expect.objectContaining({
          name: 'GalleyDatabaseUnreachable',
          severity: 'P0',
        }),
      ]);
    } finally {
      await app.close();
    }
  });
});
