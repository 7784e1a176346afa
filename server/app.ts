import {
  fastifyTRPCPlugin,
  type FastifyTRPCPluginOptions,
} from '@trpc/server/adapters/fastify';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { FailureLimiter, type FailureLimit } from './auth/failure-limiter.js';
import { createChangeFeed } from './changes/change-feed.js';
import {
  openDatabase,
  type DatabaseHandle,
  type StoreConfig,
} from './db/connection.js';
import { createMigrationsCheck } from './health/migrations.js';
import { registerErrorHandlers } from './http/errors.js';
import {
  createOperations,
  registerOperations,
  type Operations,
  type OperationsEnvironment,
} from './lifecycle/operations.js';
import { requestIdOptions } from './lifecycle/request-ids.js';
import { createLogger } from './logger.js';
import { defaultLongPollMs } from './sync/wait-for-change.js';
import { createContextFactory } from './trpc/context.js';
import { serverRouter, type ServerRouter } from './trpc/router.js';

export interface ServerOptions {
  logger?: Logger;
  /** The server's clock. Tests move it to expire codes and sessions. */
  clock?: () => Date;
  /** Maximum request body in bytes (default 5 MB, for menus and push batches). */
  bodyLimit?: number;
  loginFailureLimit?: FailureLimit;
  /** Failed sign-ins and password checks allowed per account email. */
  accountFailureLimit?: FailureLimit;
  pairingFailureLimit?: FailureLimit;
  /** How long sync.waitForChange waits for a change (default 25 s). */
  longPollMs?: number;
  /** REDIS_URL, REDIS_KEY_PREFIX and SLOW_QUERY_MS; default process.env. */
  env?: OperationsEnvironment;
}

export interface GalleyServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** Health, metrics, cache and alerts, and the shutdown flag. */
  operations: Operations;
  /** Starts listening and returns the base URL, e.g. http://127.0.0.1:4000. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting requests, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

const fifteenMinutes = 15 * 60 * 1000;

/**
 * Builds the central server on a store: opens and migrates the database,
 * then wires the tRPC API at /trpc and the plain HTTP routes.
 */
export async function createServer(
  store: StoreConfig,
  options: ServerOptions = {},
): Promise<GalleyServer> {
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? (() => new Date());
  const database = await openDatabase(store, logger);
  let operations: Operations;
  try {
    operations = await createOperations({
      logger,
      env: options.env,
      database: {
        check: () => database.db.execute(sql`select 1`),
        migrationsApplied: createMigrationsCheck(database.db),
        pool: database.pool,
        pglite: database.pglite,
      },
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const changes = createChangeFeed(store, database.db, logger);

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    ...requestIdOptions,
  });
  registerErrorHandlers(app);
  await registerOperations(app, operations, {
    procedureNames: Object.keys(serverRouter._def.procedures),
  });

  const trpcLogger = logger.child({ module: 'trpc' });
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: serverRouter,
      createContext: createContextFactory({
        db: database.db,
        cache: operations.cache,
        clock,
        logger: trpcLogger,
        loginLimiter: new FailureLimiter(
          options.loginFailureLimit ?? {
            maxFailures: 20,
            windowMs: fifteenMinutes,
          },
        ),
        accountLimiter: new FailureLimiter(
          options.accountFailureLimit ?? {
            maxFailures: 10,
            windowMs: fifteenMinutes,
          },
        ),
        changes,
        longPollMs: options.longPollMs ?? defaultLongPollMs,
        pairingLimiter: new FailureLimiter(
          options.pairingFailureLimit ?? {
            maxFailures: 10,
            windowMs: fifteenMinutes,
          },
        ),
      }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          trpcLogger.error(
            { err: error.cause ?? error, path },
            'Procedure failed',
          );
        }
      },
    } satisfies FastifyTRPCPluginOptions<ServerRouter>['trpcOptions'],
  });

  let closing: Promise<void> | undefined;
  return {
    app,
    database,
    operations,
    async listen(port, host) {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort =
        typeof address === 'object' && address ? address.port : port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return `http://${shownHost}:${actualPort}`;
    },
    close() {
      closing ??= (async () => {
        // Readiness fails from here on, while requests in flight finish.
        operations.beginShutdown();
        try {
          // Ends waiting long-polls first, or app.close() would wait for them.
          await changes.close();
          await app.close();
        } finally {
          await operations.close();
          await database.close();
        }
      })();
      return closing;
    },
  };
}
