import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { ServerMetrics } from './server-metrics.js';

/** Label for requests that matched no route (404s, scans, typos). */
export const unmatchedRoute = '(unmatched)';
/** Label for tRPC calls naming a procedure the router does not have. */
export const unknownProcedureRoute = '/trpc/(unknown)';
/** Label for tRPC batch calls that name more than one procedure. */
export const batchRoute = '/trpc/(batch)';

export interface HttpMetricsOptions {
  /** URL prefix of the tRPC adapter; its route is `${prefix}/:path`. */
  trpcPrefix?: string;
  /**
   * Names of the router's procedures, such as `sync.push`. Only these ever
   * become labels, so a caller inventing procedure names adds no series.
   */
  procedureNames?: Iterable<string>;
}

/**
 * Records every response's latency and status class by route template.
 * Hooks go on the instance passed in, so pass the root instance to see
 * every route.
 */
export function installHttpMetrics(
  app: FastifyInstance,
  metrics: ServerMetrics,
  options: HttpMetricsOptions = {},
): void {
  const label = createRouteLabeler(options);

  app.addHook('onResponse', async (request, reply) => {
    metrics.recordRequest(
      request.method,
      label(request),
      reply.statusCode,
      reply.elapsedTime,
    );
  });
}

/**
 * Builds the function that turns a request into its route label: the
 * route template (`/menus/:truckId`, never `/menus/42`), or for tRPC the
 * procedure name.
 */
export function createRouteLabeler(
  options: HttpMetricsOptions = {},
): (request: FastifyRequest) => string {
  const prefix = options.trpcPrefix ?? '/trpc';
  const trpcRoute = `${prefix}/:path`;
  const procedures = new Set(options.procedureNames ?? []);

  return (request) => {
    const template = request.routeOptions.url;
    if (!template) return unmatchedRoute;
    if (template !== trpcRoute) return template;

    const path = (request.params as { path?: unknown } | undefined)?.path;
    const names = typeof path === 'string' ? path.split(',') : [];
    if (names.length === 0 || !names.every((name) => procedures.has(name))) {
      return unknownProcedureRoute;
    }
    return names.length === 1 ? `${prefix}/${names[0]}` : batchRoute;
  };
}
