import type { PortLike } from '../../shared/ipc-protocol.js';

/**
 * The part of Electron's MessagePortMain the wrapper uses. Declaring it
 * here keeps this file free of the electron runtime module, so tests can
 * pass a fake port.
 */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
}

/**
 * Adapts a MessagePortMain to the PortLike of the local API protocol.
 * MessagePortMain is a Node event emitter whose events wrap the payload in
 * `data`, so each listener receives the payload alone.
 */
export function wrapMessagePortMain(port: MessagePortMainLike): PortLike {
  return {
    postMessage(message) {
      port.postMessage(message);
    },
    onMessage(listener) {
      const forward = (event: { data: unknown }) => listener(event.data);
      port.on('message', forward);
      return () => {
        port.off('message', forward);
      };
    },
    start() {
      port.start();
    },
  };
}
