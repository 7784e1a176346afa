import type { ServerFailure } from './server-client.js';

/** The sync status's lastError after the server rejected the device token. */
export const revokedMessage =
  "The server no longer accepts this terminal's device token (revoked or unknown). " +
  'Orders stay queued here. Ask the owner to pair this terminal again.';

/** Builds the sync status's lastError for a failed sync cycle. */
export function describeFailure(
  failure: ServerFailure,
  serverUrl: string,
): string {
  switch (failure.kind) {
    case 'unreachable':
      return `Cannot reach the server at ${serverUrl} (${failure.message}). Orders stay queued and sync retries by itself.`;
    case 'local':
      return `Sync failed on this terminal: ${failure.message} Sync retries by itself, and the log has the details.`;
    case 'invalid-reply':
      return `The server at ${serverUrl} sent a reply this terminal cannot read (${failure.message}) Check that the server and this app are compatible versions. Orders stay queued and sync retries by itself.`;
    case 'server':
      return `The server at ${serverUrl} failed with HTTP ${failure.status}: ${failure.message} Sync retries by itself.`;
    default:
      return `The server at ${serverUrl} rejected the sync request with HTTP ${failure.status}: ${failure.message}`;
  }
}

/**
 * Builds lastError after the server rejected the device token. When the
 * reply came from the Galley server itself, its message is appended,
 * because it states why (unpaired on a date, or the truck retired).
 */
export function rejectedDeviceMessage(failure: ServerFailure): string {
  if (failure.code === 'UNAUTHORIZED' && failure.message.trim() !== '') {
    return `${revokedMessage} The server's reason: ${failure.message}`;
  }
  return revokedMessage;
}
