import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { formatClockTime } from './format-time.js';

const pollIntervalMs = 2000;

/** Connection and sync state, polled from the terminal core. */
export function StatusBar() {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const status = useQuery(
    api.sync.status.queryOptions(undefined, {
      refetchInterval: pollIntervalMs,
    }),
  );
  const syncNow = useMutation(
    api.sync.now.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: api.sync.pathKey() }),
          queryClient.invalidateQueries({ queryKey: api.orders.pathKey() }),
        ]),
    }),
  );

  if (!status.data) {
    return (
      <div className="status-bar" role="status">
        {status.isError
          ? `Sync status unavailable: ${describeApiError(status.error).message}`
          : 'Sync status…'}
      </div>
    );
  }

  const { online, pending, rejected, lastSuccessAt, lastError } = status.data;
  const syncError = syncNow.isError
    ? describeApiError(syncNow.error).message
    : lastError;

  return (
    <div className="status-bar" role="status" data-testid="status-bar">
      <span
        className={`status-bar__dot ${online ? 'is-online' : 'is-offline'}`}
        aria-hidden="true"
      />
      <span data-testid="connection-state">
        {online ? 'Online' : 'Offline'}
      </span>
      <span data-testid="pending-count">{pending} pending</span>
      {rejected > 0 ? (
        <span className="status-bar__rejected">{rejected} rejected</span>
      ) : null}
      <span>
        {lastSuccessAt
          ? `Synced ${formatClockTime(lastSuccessAt)}`
          : 'Never synced'}
      </span>
      {syncError ? (
        <span className="status-bar__error" title={syncError}>
          {syncError}
        </span>
      ) : null}
      <button
        type="button"
        className="button button--quiet"
        onClick={() => syncNow.mutate()}
        disabled={syncNow.isPending}
      >
        Sync now
      </button>
    </div>
  );
}
