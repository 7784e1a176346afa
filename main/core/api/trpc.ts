import { initTRPC } from '@trpc/server';

import { GalleyError } from '../../../shared/errors.js';
import { formatError, toTRPCError } from '../../../shared/trpc-errors.js';
import type { TerminalCore } from '../terminal-core.js';

export interface LocalApiContext {
  core: TerminalCore;
}

const t = initTRPC
  .context<LocalApiContext>()
  .create({ errorFormatter: formatError, isDev: false });

/**
 * Every procedure of the local API. tRPC wraps whatever a procedure throws
 * in a TRPCError, so errors the product raised on purpose are unwrapped to
 * keep their code and message. Input and parse errors pass as tRPC made
 * them. Anything else leaves only a generic message, and its details go to
 * the log.
 */
export const procedure = t.procedure.use(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;

  const { error } = result;
  if (error.cause instanceof GalleyError) throw toTRPCError(error.cause);
  if (isDiskFull(error.cause)) {
    ctx.core.logger.error({ path }, 'write failed: disk full');
    throw toTRPCError(diskFullError(error.cause));
  }
  if (error.code !== 'INTERNAL_SERVER_ERROR') throw error;

  ctx.core.logger.error(
    { err: error.cause ?? error, path },
    'local API call failed',
  );
  throw toTRPCError(error.cause ?? error);
});

export const router = t.router;

/**
 * SQLite reports a full disk (or a database at its max_page_count) as
 * SQLITE_FULL and rolls the transaction back, so nothing was written.
 */
function isDiskFull(cause: unknown): boolean {
  return (cause as { code?: unknown } | undefined)?.code === 'SQLITE_FULL';
}

function diskFullError(cause: unknown): GalleyError {
  return new GalleyError(
    'SERVICE_UNAVAILABLE',
    'Not saved: the disk of this computer is full. Nothing of this change was written, and the orders ' +
      'already taken are safe. Free some disk space (delete photos or downloads), then try again.',
    { cause },
  );
}
