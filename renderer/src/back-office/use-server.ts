import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';

import {
  callServer,
  type ServerInput,
  type ServerOutput,
  type ServerPath,
} from '../api/back-office.js';
import { useLocalApiClient } from '../api/client.js';

/** Query keys of server data start with this, so sign-out can drop them. */
export const serverQueryRoot = 'server';

/** Reads a server query through the owner's back-office session. */
export function useServerQuery<Path extends ServerPath>(
  path: Path,
  input: ServerInput<Path>,
  options: Pick<
    UseQueryOptions<ServerOutput<Path>>,
    'enabled' | 'refetchInterval'
  > = {},
) {
  const client = useLocalApiClient();
  return useQuery({
    queryKey: [serverQueryRoot, path, input],
    queryFn: () => callServer(client, 'query', path, input),
    // Owner screens show what the server stores now, so a failed read is
    // shown at once instead of retried behind a spinner.
    retry: false,
    ...options,
  });
}

/**
 * Runs a server mutation and, once it succeeds, refetches the server
 * queries whose path starts with one of `invalidates` ("menus", "staff").
 */
export function useServerMutation<Path extends ServerPath>(
  path: Path,
  invalidates: string[] = [],
) {
  const client = useLocalApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ServerInput<Path>) =>
      callServer(client, 'mutation', path, input),
    onSuccess: () =>
      Promise.all(
        invalidates.map((prefix) =>
          queryClient.invalidateQueries({
            predicate: (query) =>
              query.queryKey[0] === serverQueryRoot &&
              typeof query.queryKey[1] === 'string' &&
              query.queryKey[1].startsWith(`${prefix}.`),
          }),
        ),
      ),
  });
}
