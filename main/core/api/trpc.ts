import { initTRPC } from '@trpc/server';

import { formatError, toTRPCError } from '../../../shared/trpc-errors.js';
import type { TerminalCore } from '../terminal-core.js';

export interface LocalApiContext {
  core: TerminalCore;
}

const t = initTRPC
  .context<LocalApiContext>()
  .create({ errorFormatter: formatError, isDev: false });

/**
 * Every procedure of the local API. Errors thrown inside become the one
 * shared error shape, so an unexpected error leaves only a generic message
 * and the details stay in the log.
 */
export const procedure = t.procedure.use(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const error = toTRPCError(result.error.cause ?? result.error);
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.core.logger.error(
        { err: result.error.cause ?? result.error, path },
        'local API call failed',
      );
    }
    throw error;
  }
  return result;
});

export const router = t.router;
