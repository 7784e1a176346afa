import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { ServerMetrics } from './server-metrics.js';

/** Label for requests that matched no route (404s, scans, typos). */
export const unmatchedRoute = '(unmatched)';
/** Label for tRPC calls naming a procedure the router does not have. */
export const unknownProcedureRoute = '/trpc/(unknown)';
/** Label for tRPC batch calls that name more than one procedure. */
export const batchRoute = '/trpc/(batch)';

/**
 * tRPC procedures that keep the request open until something changes or
 * their timeout passes (25 s for `sync.waitForChange`). Their requests are
 * counted, but their durations stay out of the latency metrics and so out
 * of the latency alert.
 */
export const longPollProcedures: ReadonlySet<string> = new Set([
  'sync.waitForChange',
]);

export interface HttpMetricsOptions {
  /** URL prefix of the tRPC adapter; its route is `${prefix}/:path`. */
  trpcPrefix?: string;
  /**
   * Names of the router's procedures, such as `sync.push`. Only these ever
   * become labels, so a caller inventing procedure names adds no series.
   */
  procedureNames?: Iterable<string>;
}

export interface RequestClassification {
  /**
   * The route template (`/menus/:truckId`, never `/menus/42`), or for tRPC
   * the procedure name.
   */
  route: string;
  /** True when the request calls a procedure in `longPollProcedures`. */
  longPoll: boolean;
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
  const classify = createRequestClassifier(options);

  app.addHook('onResponse', async (request, reply) => {
    const { route, longPoll } = classify(request);
    metrics.recordRequest(
      request.method,
      route,
      reply.statusCode,
      reply.elapsedTime,
      { longPoll },
    );
  });
}

/**
 * Builds the function that labels a request with its route and reports
 * whether it is a long poll. A batch that includes a long-poll procedure
 * counts as a long poll, because its response waits for every call in it.
 */
export function createRequestClassifier(
  options: HttpMetricsOptions = {},
): (request: FastifyRequest) => RequestClassification {
  const prefix = options.trpcPrefix ?? '/trpc';
  const trpcRoute = `${prefix}/:path`;
  const procedures = new Set(options.procedureNames ?? []);

  return (request) => {
    const template = request.routeOptions.url;
    if (!template) return { route: unmatchedRoute, longPoll: false };
    if (template !== trpcRoute) return { route: template, longPoll: false };

    const path = (request.params as { path?: unknown } | undefined)?.path;
    const names = typeof path === 'string' ? path.split(',') : [];
    if (names.length === 0 || !names.every((name) => procedures.has(name))) {
      return { route: unknownProcedureRoute, longPoll: false };
    }
    return {
      route: names.length === 1 ? `${prefix}/${names[0]}` : batchRoute,
      longPoll: names.some((name) => longPollProcedures.has(name)),
    };
  };
}
