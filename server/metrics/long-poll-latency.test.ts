import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PullOutput, WaitForChangeOutput } from '../../shared/sync.js';
import {
  parsePrometheusText,
  sumSamples,
} from '../../test/support/prometheus-text.js';
import type { FiringAlert } from '../alerts/evaluate.js';
import { alertThresholds } from '../alerts/thresholds.js';
import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';
import { serverRouter } from '../trpc/router.js';
import { longPollProcedures } from './http-metrics.js';
import { metricNames } from './server-metrics.js';
import type { MetricsSnapshot } from './snapshot.js';

// Long enough that three held polls alone would put p95 over the 1 s
// latency threshold, short enough to keep the test quick.
const longPollMs = 1500;
const longPolls = 3;
const fastRequests = 25;
const waitRoute = '/trpc/sync.waitForChange';

describe('long polls and the latency alert', () => {
  let test: TestServer;
  let truck: PairedTruck;
  let answers: WaitForChangeOutput[];

  beforeAll(async () => {
    test = await startTestServer('pglite', { longPollMs });
    const owner = await signUpOwner(test, 'Patient tacos');
    truck = await createPairedTruck(test, owner.token);
    const { cursor } = await test.ok<PullOutput>(
      'query',
      'sync.pull',
      { cursor: '0' },
      truck.deviceToken,
    );

    const waiting = Array.from({ length: longPolls }, () =>
      test.ok<WaitForChangeOutput>(
        'query',
        'sync.waitForChange',
        { cursor },
        truck.deviceToken,
      ),
    );
    for (let i = 0; i < fastRequests; i += 1) {
      const response = await test.server.app.inject({ url: '/health/live' });
      expect(response.statusCode).toBe(200);
    }
    answers = await Promise.all(waiting);
  });
  afterAll(() => test?.close());

  const readSnapshot = async () => {
    const response = await test.server.app.inject({ url: '/api/metrics' });
    expect(response.statusCode).toBe(200);
    return response.json<MetricsSnapshot>();
  };

  it('holds each poll until its timeout', () => {
    expect(answers.map((answer) => answer.changed)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('does not fire GalleyHighLatency', async () => {
    const response = await test.server.app.inject({ url: '/api/alerts' });
    expect(response.statusCode).toBe(200);
    const { firing } = response.json<{ firing: FiringAlert[] }>();

    expect(firing.map((alert) => alert.name)).not.toContain(
      'GalleyHighLatency',
    );
  });

  it('keeps long polls out of the JSON percentiles', async () => {
    const { requests } = await readSnapshot();
    const waits = requests.byRoute[`GET ${waitRoute}`];
    const live = requests.byRoute['GET /health/live'];

    expect(waits?.count).toBe(longPolls);
    expect(waits?.latencyCount).toBe(0);
    expect(waits?.p95).toBeNull();
    expect(live?.count).toBe(fastRequests);
    expect(live?.latencyCount).toBe(fastRequests);
    expect(requests.overall.count - requests.overall.latencyCount).toBe(
      longPolls,
    );
    expect(requests.overall.p95).not.toBeNull();
    expect(requests.overall.p95 ?? Infinity).toBeLessThan(
      alertThresholds.p95LatencySeconds * 1000,
    );
  });

  it('counts long polls but not their duration', async () => {
    const response = await test.server.app.inject({ url: '/metrics' });
    const samples = parsePrometheusText(response.body);
    const route = { method: 'GET', route: waitRoute };

    expect(
      sumSamples(samples, metricNames.httpRequests, {
        ...route,
        status_class: '2xx',
      }),
    ).toBe(longPolls);
    expect(
      sumSamples(samples, `${metricNames.httpDuration}_count`, route),
    ).toBe(0);
    expect(
      sumSamples(samples, `${metricNames.httpDuration}_count`, {
        method: 'GET',
        route: '/health/live',
      }),
    ).toBe(fastRequests);
  });

  it('names only procedures the router has', () => {
    const procedures = Object.keys(serverRouter._def.procedures);

    expect(longPollProcedures.size).toBeGreaterThan(0);
    for (const name of longPollProcedures) {
      expect(procedures, name).toContain(name);
    }
  });
});
