import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Logger } from 'pino';

import type { FailureLimiter } from '../auth/failure-limiter.js';
import type { Database } from '../db/connection.js';

/** Long-lived things every procedure may use, built once per server. */
export interface ServerServices {
  db: Database;
  clock: () => Date;
  logger: Logger;
  loginLimiter: FailureLimiter;
  pairingLimiter: FailureLimiter;
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
