import { useQuery } from '@tanstack/react-query';

import { useLocalApi } from '../api/client.js';

const sessionPollMs = 5000;

/**
 * The counter's staff session. A truck without staff records has no one
 * signed in and is never locked, so the counter works without a PIN.
 */
export function useStaffSession() {
  const api = useLocalApi();
  return useQuery(
    api.session.current.queryOptions(undefined, {
      refetchInterval: sessionPollMs,
    }),
  );
}
