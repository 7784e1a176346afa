import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';

import type {
  IpcRequest,
  IpcResponse,
  PortLike,
} from '../../../shared/ipc-protocol.js';

type ResponseHandler = (response: IpcResponse) => void;

/**
 * A tRPC link that sends each operation as one IpcRequest over a
 * MessagePort and settles it with the IpcResponse carrying the same id.
 * Errors arrive in the shape tRPC's HTTP adapter sends, so callers see the
 * same TRPCClientError (message, data.code, data.field, data.reason) over
 * either transport.
 */
export function ipcLink<TRouter extends AnyRouter>(options: {
  port: PortLike;
}): TRPCLink<TRouter> {
  const { port } = options;
  const handlers = new Map<number, ResponseHandler>();
  let nextId = 1;

  port.onMessage((message) => {
    if (!isIpcResponse(message)) return;
    const handler = handlers.get(message.id);
    if (!handler) return;
    handlers.delete(message.id);
    handler(message);
  });
  port.start?.();

  return () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type === 'subscription') {
          observer.error(
            new TRPCClientError(
              `Subscription "${op.path}" failed: the local API port carries only queries and mutations.`,
            ),
          );
          return;
        }

        const id = nextId++;
        handlers.set(id, (response) => {
          if (response.ok) {
            observer.next({ result: { type: 'data', data: response.data } });
            observer.complete();
          } else {
            observer.error(TRPCClientError.from({ error: response.error }));
          }
        });

        const request: IpcRequest = {
          id,
          type: op.type,
          path: op.path,
          input: op.input,
        };
        port.postMessage(request);

        // An unsubscribed operation drops its handler, so a late response
        // is ignored rather than delivered to a finished observer.
        return () => {
          handlers.delete(id);
        };
      });
}

function isIpcResponse(message: unknown): message is IpcResponse {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as Record<string, unknown>;
  return typeof candidate.id === 'number' && typeof candidate.ok === 'boolean';
}

/** Wraps a DOM MessagePort (the one the Electron preload forwards). */
export function domPortLike(port: MessagePort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      const handleMessage = (event: MessageEvent) => listener(event.data);
      port.addEventListener('message', handleMessage);
      return () => port.removeEventListener('message', handleMessage);
    },
    start: () => port.start(),
  };
}
