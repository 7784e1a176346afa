import type { FastifyInstance } from 'fastify';

import type { ServerMetrics } from './server-metrics.js';
import { buildMetricsSnapshot } from './snapshot.js';

export interface MetricsRoutesOptions {
  metrics: ServerMetrics;
  /** `redis` or `memory`, shown in the JSON view. */
  cacheBackend: string;
  /**
   * Runs before each scrape so that dependency gauges are fresh. It must
   * record failures itself and resolve, because a rejection fails the scrape.
   */
  beforeScrape?: () => Promise<void>;
}

/**
 * Adds `GET /metrics` (Prometheus text exposition) and `GET /api/metrics`
 * (JSON for people).
 */
export async function metricsRoutes(
  app: FastifyInstance,
  options: MetricsRoutesOptions,
): Promise<void> {
  const { metrics, cacheBackend, beforeScrape } = options;

  app.get('/metrics', async (_request, reply) => {
    if (beforeScrape) await beforeScrape();
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });

  app.get('/api/metrics', async () =>
    buildMetricsSnapshot(metrics, cacheBackend),
  );
}
