import type {
  IpcRequest,
  IpcResponse,
  PortLike,
} from '../../../shared/ipc-protocol.js';
import { badRequestResult, callLocalProcedure } from '../api/call-procedure.js';
import type { TerminalCore } from '../terminal-core.js';

/**
 * Serves the local API over a MessagePort: each request gets exactly one
 * response with its id, and errors have the shape the HTTP adapter sends.
 * Returns a function that stops listening; the caller closes the port.
 */
export function serveLocalApiOverPort(
  port: PortLike,
  core: TerminalCore,
): () => void {
  const log = core.logger.child({ module: 'local-api-port' });

  const stop = port.onMessage((message) => {
    const id = idOf(message);
    if (id === null) {
      log.warn('ignored a port message without a numeric id');
      return;
    }
    const request = parseRequest(message, id);
    if (!request) {
      const result = badRequestResult(
        core,
        'Invalid local API request: type must be "query" or "mutation" and path a string.',
      );
      if (!result.ok) port.postMessage({ id, ok: false, error: result.error });
      return;
    }
    void respond(request).then(
      (response) => port.postMessage(response),
      (error: unknown) =>
        log.error({ err: error, id: request.id }, 'port response failed'),
    );
  });
  port.start?.();

  async function respond(request: IpcRequest): Promise<IpcResponse> {
    const result = await callLocalProcedure(
      core,
      request.type,
      request.path,
      request.input,
    );
    return result.ok
      ? { id: request.id, ok: true, data: result.data }
      : { id: request.id, ok: false, error: result.error };
  }

  return stop;
}

/** Reads the request id, without which no response can be matched. */
function idOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as { id?: unknown }).id;
  return typeof id === 'number' && Number.isFinite(id) ? id : null;
}

function parseRequest(message: unknown, id: number): IpcRequest | null {
  const candidate = message as Partial<IpcRequest>;
  if (candidate.type !== 'query' && candidate.type !== 'mutation') return null;
  if (typeof candidate.path !== 'string') return null;

  return {
    id,
    type: candidate.type,
    path: candidate.path,
    input: candidate.input,
  };
}
