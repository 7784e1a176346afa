import { initTRPC } from '@trpc/server';

import { formatError } from '../../../shared/trpc-errors.js';
import {
  pairInputSchema,
  pullInputSchema,
  pushInputSchema,
  type PairOutput,
  type PullOutput,
  type PushOutput,
} from '../../../shared/sync.js';
import type { z } from 'zod';

/**
 * The server procedures the sync client calls, declared from the shared
 * sync schemas. The client is typed against this router, and tests serve it
 * with their own handlers to stand in for the central server.
 *
 * TODO: type the client with ServerRouter from server/trpc/router.ts once
 * the server exports it, and keep this factory for tests only.
 */
export interface ServerContractContext {
  bearerToken: string | null;
}

export interface ServerContractHandlers {
  pair(input: z.infer<typeof pairInputSchema>): Promise<PairOutput>;
  push(
    input: z.infer<typeof pushInputSchema>,
    context: ServerContractContext,
  ): Promise<PushOutput>;
  pull(
    input: z.infer<typeof pullInputSchema>,
    context: ServerContractContext,
  ): Promise<PullOutput>;
}

export function createServerContractRouter(handlers: ServerContractHandlers) {
  const t = initTRPC
    .context<ServerContractContext>()
    .create({ errorFormatter: formatError });

  return t.router({
    devices: t.router({
      pair: t.procedure
        .input(pairInputSchema)
        .mutation(({ input }) => handlers.pair(input)),
    }),
    sync: t.router({
      push: t.procedure
        .input(pushInputSchema)
        .mutation(({ input, ctx }) => handlers.push(input, ctx)),
      pull: t.procedure
        .input(pullInputSchema)
        .query(({ input, ctx }) => handlers.pull(input, ctx)),
    }),
  });
}

export type ServerContractRouter = ReturnType<
  typeof createServerContractRouter
>;
