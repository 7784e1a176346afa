import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { formatClockTime } from '../status/format-time.js';
import { DismissEntryDialog } from './DismissEntryDialog.js';
import { ReconciliationPanel } from './ReconciliationPanel.js';

const pollIntervalMs = 5000;

/**
 * Shows what support needs on a phone call: sync state, the entries the server
 * rejected with its reason (each can be retried, or dismissed by a manager),
 * the dismissed ones, the last reconciliation and the diagnostics archive.
 */
export function SupportScreen() {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const sync = useQuery(
    api.sync.status.queryOptions(undefined, {
      refetchInterval: pollIntervalMs,
    }),
  );
  const support = useQuery(
    api.support.status.queryOptions(undefined, {
      refetchInterval: pollIntervalMs,
    }),
  );
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: api.sync.pathKey() }),
      queryClient.invalidateQueries({ queryKey: api.support.pathKey() }),
      queryClient.invalidateQueries({ queryKey: api.orders.pathKey() }),
    ]);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const dismissingEntry = support.data?.rejected.find(
    (entry) => entry.id === dismissing,
  );
  const retry = useMutation(
    api.sync.retryRejected.mutationOptions({ onSettled: refresh }),
  );
  const exportArchive = useMutation(
    api.support.exportDiagnostics.mutationOptions({
      onSuccess: (download) =>
        saveDownload(download.fileName, download.contentBase64),
    }),
  );

  return (
    <section className="panel" aria-labelledby="support-title">
      <h2 id="support-title">Support</h2>
      {sync.data ? (
        <dl data-testid="support-sync">
          <dt>Connection</dt>
          <dd>{sync.data.online ? 'Online' : 'Offline'}</dd>
          <dt>Waiting for the server</dt>
          <dd>{sync.data.pending}</dd>
          <dt>Last sync</dt>
          <dd>
            {sync.data.lastSuccessAt
              ? formatClockTime(sync.data.lastSuccessAt)
              : 'never'}
          </dd>
          <dt>Last error</dt>
          <dd>{sync.data.lastError ?? 'none'}</dd>
          <dt>Clock</dt>
          <dd>
            {describeClock(sync.data.clockSkewMs ?? null)}
            {sync.data.clockWarning
              ? ' Orders use the server time. Set this computer’s clock.'
              : ''}
          </dd>
        </dl>
      ) : null}

      <h3>Rejected by the server</h3>
      {support.isError ? (
        <p role="alert">{describeApiError(support.error).message}</p>
      ) : null}
      {support.data && support.data.rejected.length === 0 ? <p>None.</p> : null}
      {support.data && support.data.rejected.length > 0 ? (
        <table className="data-table" data-testid="rejected-entries">
          <thead>
            <tr>
              <th>Order</th>
              <th>Reason</th>
              <th>Tries</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {support.data.rejected.map((entry) => (
              <tr key={entry.id}>
                <td>{describeEntry(entry)}</td>
                <td>{entry.errorMessage}</td>
                <td>{entry.attempts}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={retry.isPending}
                    onClick={() => retry.mutate({ entryId: entry.id })}
                  >
                    Retry
                  </button>
                  {entry.kind === 'order.created' ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button"
                        onClick={() => setDismissing(entry.id)}
                      >
                        Dismiss
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {retry.isError ? (
        <p role="alert">{describeApiError(retry.error).message}</p>
      ) : null}
      {dismissingEntry ? (
        <DismissEntryDialog
          entry={dismissingEntry}
          onDone={() => {
            setDismissing(null);
            void refresh();
          }}
        />
      ) : null}

      {support.data && support.data.dismissed.length > 0 ? (
        <>
          <h3>Dismissed by a manager</h3>
          <table className="data-table" data-testid="dismissed-entries">
            <thead>
              <tr>
                <th>Order</th>
                <th>Server’s reason</th>
                <th>Dismissed</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {support.data.dismissed.map((entry) => (
                <tr key={entry.id}>
                  <td>{describeEntry(entry)}</td>
                  <td>{entry.errorMessage}</td>
                  <td>
                    {entry.dismissal
                      ? formatClockTime(entry.dismissal.at)
                      : null}
                  </td>
                  <td>{entry.dismissal?.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <ReconciliationPanel reconciliation={sync.data?.reconciliation ?? null} />

      <h3>Diagnostics</h3>
      <p className="panel__hint">
        One file with versions, database checks, sync history, logs and the
        orders not yet on the server. It contains no passwords, tokens or PINs.
      </p>
      <button
        type="button"
        className="button"
        disabled={exportArchive.isPending}
        onClick={() => exportArchive.mutate()}
      >
        {exportArchive.isPending ? 'Exporting…' : 'Export diagnostics'}
      </button>
      {exportArchive.isError ? (
        <p role="alert">{describeApiError(exportArchive.error).message}</p>
      ) : null}
    </section>
  );
}

const entryKinds: Record<string, string> = {
  'order.created': 'Order',
  'order.voided': 'Void of order',
  'order.refunded': 'Refund of order',
};

/** Names an outbox entry for the tables, as "Refund of order 12". */
function describeEntry(entry: {
  kind: string;
  orderNumber: number | null;
}): string {
  const kind = entryKinds[entry.kind];
  if (!kind) return entry.kind;
  return entry.orderNumber === null ? kind : `${kind} ${entry.orderNumber}`;
}

function describeClock(skewMs: number | null): string {
  if (skewMs === null) return 'Not measured yet.';
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds === 0) return 'Matches the server.';
  // The skew is the server's clock minus this terminal's.
  return `${seconds} s ${skewMs > 0 ? 'behind' : 'ahead of'} the server.`;
}

function saveDownload(fileName: string, contentBase64: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (char) =>
    char.charCodeAt(0),
  );
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/gzip' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
