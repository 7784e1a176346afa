import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Logger } from 'pino';

import type { FailureLimiter } from '../auth/failure-limiter.js';
import type { FailSoftCache } from '../cache/fail-soft-cache.js';
import type { ChangeFeed } from '../changes/change-feed.js';
import type { Database } from '../db/connection.js';

/** Long-lived things every procedure may use, built once per server. */
export interface ServerServices {
  db: Database;
  /** Redis or in-process cache of menus and truck lists. Failed reads count as misses. */
  cache: FailSoftCache;
  clock: () => Date;
  logger: Logger;
  /** Failed sign-ins per client IP. */
  loginLimiter: FailureLimiter;
  /** Failed sign-ins and password checks per account email. */
  accountLimiter: FailureLimiter;
  pairingLimiter: FailureLimiter;
  /** Wakes long-polling terminals after writes they pull. */
  changes: ChangeFeed;
  /** How long sync.waitForChange waits before answering "no change". */
  longPollMs: number;
}

export interface Context extends ServerServices {
  /** The bearer token as sent. Procedures that need a principal resolve it. */
  bearerToken: string | undefined;
  clientIp: string;
}

export function createContextFactory(services: ServerServices) {
  return ({ req }: CreateFastifyContextOptions): Context => ({
    ...services,
    bearerToken: readBearerToken(req.headers.authorization),
    clientIp: req.ip,
  });
}

function readBearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
