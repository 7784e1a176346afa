import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  parsePrometheusText,
  promtoolAvailability,
  sumSamples,
  type Sample,
} from '../../test/support/prometheus-text.js';
import {
  batchRoute,
  installHttpMetrics,
  unknownProcedureRoute,
  unmatchedRoute,
} from './http-metrics.js';
import { metricsRoutes } from './routes.js';
import { metricNames, ServerMetrics } from './server-metrics.js';
import type { MetricsSnapshot } from './snapshot.js';

const requests = metricNames.httpRequests;
const durationCount = `${metricNames.httpDuration}_count`;

describe('HTTP metrics by route template', () => {
  let app: FastifyInstance;
  let metrics: ServerMetrics;

  beforeAll(async () => {
    metrics = new ServerMetrics({ logger: pino({ level: 'silent' }) });
    app = Fastify();
    installHttpMetrics(app, metrics, {
      procedureNames: ['sync.push', 'menu.get'],
    });
    await app.register(metricsRoutes, { metrics, cacheBackend: 'memory' });
    app.get('/items/:id', async (request) => ({
      id: (request.params as { id: string }).id,
    }));
    app.get('/broken', async (_request, reply) =>
      reply.code(500).send({ error: 'boom' }),
    );
    app.post('/trpc/:path', async () => ({ result: { data: null } }));
    app.get('/trpc/:path', async () => ({ result: { data: null } }));
    await app.ready();

    for (let id = 1; id <= 7; id += 1)
      await app.inject({ url: `/items/${id}` });
    for (let i = 0; i < 3; i += 1) await app.inject({ url: '/broken' });
    for (let i = 0; i < 4; i += 1) {
      await app.inject({ method: 'POST', url: '/trpc/sync.push', payload: {} });
    }
    await app.inject({ url: '/trpc/menu.get?input=%7B%7D' });
    await app.inject({ url: '/trpc/menu.get,sync.push?batch=1' });
    await app.inject({
      method: 'POST',
      url: '/trpc/orders.steal',
      payload: {},
    });
    await app.inject({ url: '/trpc/orders.peek' });
    await app.inject({ url: '/no/such/page' });
  });

  afterAll(async () => {
    await app?.close();
  });

  const scrape = async () => {
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return { text: response.body, samples: parsePrometheusText(response.body) };
  };

  it('counts a known mix of requests', async () => {
    const { samples } = await scrape();
    const items = { method: 'GET', route: '/items/:id' };

    expect(
      sumSamples(samples, requests, { ...items, status_class: '2xx' }),
    ).toBe(7);
    expect(sumSamples(samples, durationCount, items)).toBe(7);
    expect(
      sumSamples(samples, requests, {
        method: 'GET',
        route: '/broken',
        status_class: '5xx',
      }),
    ).toBe(3);
    expect(
      sumSamples(samples, requests, {
        method: 'POST',
        route: '/trpc/sync.push',
      }),
    ).toBe(4);
    expect(
      sumSamples(samples, requests, { method: 'GET', route: '/trpc/menu.get' }),
    ).toBe(1);
    expect(sumSamples(samples, requests, { route: '/trpc/(batch)' })).toBe(1);
    expect(
      sumSamples(samples, requests, { route: unknownProcedureRoute }),
    ).toBe(2);
    expect(
      sumSamples(samples, requests, {
        route: unmatchedRoute,
        status_class: '4xx',
      }),
    ).toBe(1);
    const routes = new Set(
      samples.filter((s) => s.name === requests).map((s) => s.labels.route),
    );
    expect([...routes].some((route) => route?.includes('/items/1'))).toBe(
      false,
    );
  });

  it('puts histogram buckets on the budgets', async () => {
    const { samples } = await scrape();
    const edges = samples
      .filter((s) => s.name === `${metricNames.httpDuration}_bucket`)
      .filter((s) => s.labels.route === '/items/:id')
      .map((s) => s.labels.le);
    expect(edges).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
  });

  it('reports JSON quantiles and error rates', async () => {
    const response = await app.inject({ url: '/api/metrics' });
    expect(response.statusCode).toBe(200);
    const snapshot = response.json<MetricsSnapshot>();

    expect(snapshot.requests.byRoute['GET /items/:id']?.count).toBe(7);
    const broken = snapshot.requests.byRoute['GET /broken'];
    expect(broken?.serverErrors).toBe(3);
    expect(broken?.serverErrorRate).toBe(1);
    expect(broken?.clientErrors).toBe(0);
    const unmatched = snapshot.requests.byRoute[`GET ${unmatchedRoute}`];
    expect(unmatched?.clientErrors).toBe(1);
    expect(snapshot.process.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(snapshot.process.memory.rssBytes).toBeGreaterThan(0);
    expect(snapshot.cache.hitRate).toBeNull();
  });

  const galleySeries = (samples: Sample[]) =>
    samples.filter((sample) => sample.name.startsWith('galley_')).length;

  it('adds no series for 1,000 random unknown paths', async () => {
    const before = galleySeries((await scrape()).samples);
    for (let i = 0; i < 1000; i += 1) {
      const path = randomBytes(6).toString('hex');
      const url = i % 2 === 0 ? `/${path}/${i}` : `/trpc/${path}.${i}`;
      await app.inject({ url });
    }
    const { samples } = await scrape();
    expect(galleySeries(samples)).toBe(before);
    expect(sumSamples(samples, requests, { route: unmatchedRoute })).toBe(501);
    expect(
      sumSamples(samples, requests, { route: unknownProcedureRoute }),
    ).toBe(502);
  });

  // prom-client's own Node.js metrics break some of promtool's naming
  // lints, so only the server's own families are checked.
  it('passes promtool check metrics', async (context) => {
    const promtool = promtoolAvailability();
    if ('skipReason' in promtool) {
      process.stderr.write(`${promtool.skipReason}\n`);
      context.skip(promtool.skipReason);
    }
    const { text } = await scrape();
    const ownFamilies = text
      .split('\n')
      .filter((line) => /^(# (HELP|TYPE) )?galley_/.test(line))
      .join('\n');
    expect(ownFamilies).toContain('galley_http_requests_total');
    const result = spawnSync('promtool', ['check', 'metrics'], {
      input: `${ownFamilies}\n`,
      encoding: 'utf8',
    });
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('HTTP metrics of long polls', () => {
  let app: FastifyInstance;
  let metrics: ServerMetrics;

  beforeAll(async () => {
    metrics = new ServerMetrics({
      logger: pino({ level: 'silent' }),
      collectProcessMetrics: false,
    });
    app = Fastify();
    installHttpMetrics(app, metrics, {
      procedureNames: ['sync.pull', 'sync.waitForChange'],
    });
    await app.register(metricsRoutes, { metrics, cacheBackend: 'memory' });
    app.get('/trpc/:path', async () => ({ result: { data: null } }));
    await app.ready();

    for (let i = 0; i < 2; i += 1) {
      await app.inject({ url: '/trpc/sync.waitForChange' });
    }
    await app.inject({ url: '/trpc/sync.pull,sync.waitForChange?batch=1' });
    await app.inject({ url: '/trpc/sync.pull,sync.pull?batch=1' });
    await app.inject({ url: '/trpc/sync.pull' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts them without observing their duration', async () => {
    const response = await app.inject({ url: '/metrics' });
    const samples = parsePrometheusText(response.body);
    const waits = { method: 'GET', route: '/trpc/sync.waitForChange' };
    const batches = { method: 'GET', route: batchRoute };

    expect(sumSamples(samples, requests, waits)).toBe(2);
    expect(sumSamples(samples, durationCount, waits)).toBe(0);
    expect(sumSamples(samples, requests, batches)).toBe(2);
    expect(sumSamples(samples, durationCount, batches)).toBe(1);
    expect(
      sumSamples(samples, durationCount, {
        method: 'GET',
        route: '/trpc/sync.pull',
      }),
    ).toBe(1);
  });

  it('leaves them out of the window percentiles', () => {
    const summarize = (key: string) =>
      metrics.routeWindows.get(key)?.summarize();
    const waits = summarize('GET /trpc/sync.waitForChange');
    const batches = summarize(`GET ${batchRoute}`);

    expect(waits?.count).toBe(2);
    expect(waits?.latencyCount).toBe(0);
    expect(waits?.p95).toBeNull();
    expect(batches?.count).toBe(2);
    expect(batches?.latencyCount).toBe(1);
  });
});
