import { localApiPortMessage } from '../../../shared/ipc-protocol.js';
import { takeApiToken } from './token.js';

export type Connection =
  | { kind: 'ipc'; port: MessagePort }
  | { kind: 'http'; token: string }
  | { kind: 'none' };

/**
 * How long a plain browser page waits for a port before it shows the
 * "open the link the terminal printed" screen.
 */
const portWaitMs = 1500;

/**
 * Picks the transport of the local API. A token in the URL or in
 * sessionStorage means a browser served by the headless terminal (HTTP).
 * Otherwise the page listens for the MessagePort the Electron preload posts
 * to the window, and it keeps listening: the main process sends a new port
 * after each restart of the terminal core, and each one replaces the last.
 *
 * Call this before the first render: a port posted before the listener is
 * added would be lost.
 */
export function resolveConnection(
  onChange: (connection: Connection) => void,
): void {
  const token = takeApiToken(
    window.location,
    window.history,
    window.sessionStorage,
  );
  if (token) {
    onChange({ kind: 'http', token });
    return;
  }

  let portReceived = false;
  window.addEventListener('message', (event: MessageEvent) => {
    // Only the preload, running in this same window, may hand over a port.
    if (event.source !== window || event.data !== localApiPortMessage) return;
    const port = event.ports[0];
    if (!port) return;

    portReceived = true;
    onChange({ kind: 'ipc', port });
  });

  // The desktop app's preload exposes window.galley. A port always follows
  // there, so the page waits for it instead of asking for a token.
  if ('galley' in window) return;
  window.setTimeout(() => {
    if (!portReceived) onChange({ kind: 'none' });
  }, portWaitMs);
}
