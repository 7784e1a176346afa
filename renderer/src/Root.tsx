import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';

import { createLocalApiClient, LocalApiProvider } from './api/client.js';
import type { Connection } from './api/connection.js';
import { App } from './App.js';
import { NoTokenScreen } from './setup/NoTokenScreen.js';

/**
 * Builds the query client and the local API client for the connection.
 * The API is local to the truck, so queries and mutations run whatever
 * navigator.onLine says: an offline truck still takes orders.
 */
export function Root({ connection }: { connection: Connection }) {
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { networkMode: 'always', retry: 1 },
          mutations: { networkMode: 'always', retry: false },
        },
      }),
    [],
  );
  const apiClient = useMemo(
    () =>
      connection.kind === 'none' ? null : createLocalApiClient(connection),
    [connection],
  );

  if (!apiClient) return <NoTokenScreen reason="missing" />;

  return (
    <QueryClientProvider client={queryClient}>
      <LocalApiProvider trpcClient={apiClient} queryClient={queryClient}>
        <App />
      </LocalApiProvider>
    </QueryClientProvider>
  );
}
