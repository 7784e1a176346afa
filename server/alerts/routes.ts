import type { FastifyInstance } from 'fastify';

import type { ServerMetrics } from '../metrics/server-metrics.js';
import { evaluateAlerts } from './evaluate.js';

export interface AlertRoutesOptions {
  metrics: ServerMetrics;
  /**
   * Checks the dependencies and records the result in `metrics`, so that
   * dependency alerts reflect now rather than the last health request.
   */
  refreshDependencies?: () => Promise<void>;
}

/** Adds `GET /api/alerts`: the alert rules firing now, most severe first. */
export async function alertRoutes(
  app: FastifyInstance,
  options: AlertRoutesOptions,
): Promise<void> {
  app.get('/api/alerts', async () => {
    if (options.refreshDependencies) await options.refreshDependencies();
    const firing = evaluateAlerts(options.metrics).sort((a, b) =>
      a.severity.localeCompare(b.severity),
    );
    return { evaluatedAt: new Date().toISOString(), firing };
  });
}
