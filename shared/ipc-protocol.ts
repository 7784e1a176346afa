/**
 * The message protocol of the local API over a MessagePort, used inside the
 * desktop app. The main process creates one MessageChannel per window, hands
 * one port to the terminal core's utility process and the other to the
 * renderer; the two then talk directly with these messages.
 */

/** Name of the Electron IPC message that carries the renderer's port. */
export const localApiPortMessage = 'galley:local-api-port';

export interface IpcRequest {
  id: number;
  type: 'query' | 'mutation';
  path: string;
  input: unknown;
}

/** The error part of a response: the same shape tRPC's HTTP adapter sends. */
export interface IpcErrorShape {
  message: string;
  code: number;
  data: Record<string, unknown>;
}

export type IpcResponse =
  | { id: number; ok: true; data: unknown }
  | { id: number; ok: false; error: IpcErrorShape };

/**
 * The part of a MessagePort both ends need. Node's worker_threads ports,
 * Electron's MessagePortMain and the DOM MessagePort all fit it through a
 * small wrapper.
 */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  start?(): void;
}
