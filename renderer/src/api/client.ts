import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

import type { Connection } from './connection.js';
import { domPortLike, ipcLink } from './ipc-link.js';
import type { LocalRouter } from '../../../main/core/api/router.js';

export type LocalApiClient = TRPCClient<LocalRouter>;

export const {
  TRPCProvider: LocalApiProvider,
  useTRPC: useLocalApi,
  useTRPCClient: useLocalApiClient,
} = createTRPCContext<LocalRouter>();

/** Builds the local API client over the transport the window was given. */
export function createLocalApiClient(
  connection: Exclude<Connection, { kind: 'none' }>,
): LocalApiClient {
  if (connection.kind === 'ipc') {
    return createTRPCClient<LocalRouter>({
      links: [ipcLink({ port: domPortLike(connection.port) })],
    });
  }

  const authorization = `Bearer ${connection.token}`;
  return createTRPCClient<LocalRouter>({
    links: [
      httpLink({
        url: '/trpc',
        headers: () => ({ Authorization: authorization }),
      }),
    ],
  });
}
