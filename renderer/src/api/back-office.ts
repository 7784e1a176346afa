import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { ServerRouter } from '../../../server/trpc/router.js';
import type { LocalApiClient } from './client.js';

type ServerInputs = inferRouterInputs<ServerRouter>;
type ServerOutputs = inferRouterOutputs<ServerRouter>;

/** A server procedure as "router.procedure", such as "menus.saveDraft". */
export type ServerPath = {
  [
    Router in keyof ServerInputs & string
  ]: `${Router}.${keyof ServerInputs[Router] & string}`;
}[keyof ServerInputs & string];

export type ServerInput<Path extends ServerPath> =
  Path extends `${infer Router extends keyof ServerInputs & string}.${infer Name}`
    ? Name extends keyof ServerInputs[Router]
      ? ServerInputs[Router][Name]
      : never
    : never;

export type ServerOutput<Path extends ServerPath> =
  Path extends `${infer Router extends keyof ServerOutputs & string}.${infer Name}`
    ? Name extends keyof ServerOutputs[Router]
      ? ServerOutputs[Router][Name]
      : never
    : never;

export type ServerCallType = 'query' | 'mutation';

/**
 * Calls a server procedure through the terminal core's `backOffice.request`,
 * which adds the owner's session. Errors arrive unchanged (message,
 * data.code, data.field), so describeApiError reads them as usual. The
 * types come from the server router, but the value is not checked again
 * here: the server validates every input and the core passes output on.
 */
export async function callServer<Path extends ServerPath>(
  client: LocalApiClient,
  type: ServerCallType,
  path: Path,
  input: ServerInput<Path>,
): Promise<ServerOutput<Path>> {
  const output: unknown = await client.backOffice.request.mutate({
    type,
    path,
    input,
  });
  return output as ServerOutput<Path>;
}
