import { localApiPortMessage } from '../../../shared/ipc-protocol.js';
import { takeApiToken } from './token.js';

export type Connection =
  | { kind: 'ipc'; port: MessagePort }
  | { kind: 'http'; token: string }
  | { kind: 'none' };

/**
 * How long the renderer waits for the Electron preload's port before it
 * decides it runs in a plain browser without a token.
 */
const portWaitMs = 1500;

/**
 * Picks the transport of the local API. A token in the URL or in
 * sessionStorage means a browser served by the headless terminal (HTTP).
 * Otherwise the renderer waits briefly for the MessagePort the Electron
 * preload posts to the window. `onChange` fires once more if the port
 * arrives after the wait, so a slow preload still connects.
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

  let settled = false;
  const timer = window.setTimeout(() => {
    if (!settled) onChange({ kind: 'none' });
  }, portWaitMs);

  const handleMessage = (event: MessageEvent) => {
    // Only the preload, running in this same window, may hand over a port.
    if (event.source !== window || event.data !== localApiPortMessage) return;
    const port = event.ports[0];
    if (!port) return;

    settled = true;
    window.clearTimeout(timer);
    window.removeEventListener('message', handleMessage);
    onChange({ kind: 'ipc', port });
  };
  window.addEventListener('message', handleMessage);
}
