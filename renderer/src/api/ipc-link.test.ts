// The test runs in Node, where worker_threads provides a real MessageChannel.
// eslint-disable-next-line no-restricted-imports
import { MessageChannel, type MessagePort } from 'node:worker_threads';

import {
  createTRPCUntypedClient,
  TRPCClientError,
  type TRPCUntypedClient,
} from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { afterEach, describe, expect, it } from 'vitest';

import type {
  IpcRequest,
  IpcResponse,
  PortLike,
} from '../../../shared/ipc-protocol.js';
import { ipcLink } from './ipc-link.js';

function wrapNodePort(port: MessagePort): PortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', listener);
      return () => port.off('message', listener);
    },
  };
}

type Responder = (request: IpcRequest) => IpcResponse | null;

const openPorts: MessagePort[] = [];

/**
 * Connects a client to one end of a real MessageChannel. A fake terminal
 * core on the other end records each request and replies via `respond`.
 */
function connect(respond: Responder) {
  const channel = new MessageChannel();
  openPorts.push(channel.port1, channel.port2);
  const received: IpcRequest[] = [];
  const reply = (response: IpcResponse) => channel.port2.postMessage(response);

  channel.port2.on('message', (request: IpcRequest) => {
    received.push(request);
    const response = respond(request);
    if (response) reply(response);
  });

  const client: TRPCUntypedClient<AnyRouter> = createTRPCUntypedClient({
    links: [ipcLink({ port: wrapNodePort(channel.port1) })],
  });
  return { client, received, reply };
}

afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

describe('ipcLink', () => {
  it('sends a query and returns its data', async () => {
    const { client, received } = connect((request) => ({
      id: request.id,
      ok: true,
      data: { paired: true, echoed: request.input },
    }));

    const result = await client.query('setup.status', { probe: 1 });

    expect(result).toEqual({ paired: true, echoed: { probe: 1 } });
    expect(received).toHaveLength(1);
    expect(received[0]?.type).toBe('query');
    expect(received[0]?.path).toBe('setup.status');
    expect(received[0]?.input).toEqual({ probe: 1 });
  });

  it('sends a mutation with its type', async () => {
    const { client, received } = connect((request) => ({
      id: request.id,
      ok: true,
      data: { id: 'order-1', number: 17 },
    }));

    const result = await client.mutation('orders.create', { lines: [] });

    expect(result).toEqual({ id: 'order-1', number: 17 });
    expect(received[0]?.type).toBe('mutation');
    expect(received[0]?.path).toBe('orders.create');
  });

  it('turns an error response into TRPCClientError', async () => {
    const { client } = connect((request) => ({
      id: request.id,
      ok: false,
      error: {
        message: 'Unknown item "TACO-X".',
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          field: 'lines[0].sku',
          reason: 'unknown-sku',
        },
      },
    }));

    const failure = await client
      .mutation('orders.create', { lines: [] })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TRPCClientError);
    const error = failure as TRPCClientError<AnyRouter>;
    expect(error.message).toBe('Unknown item "TACO-X".');
    expect(error.data).toEqual({
      code: 'BAD_REQUEST',
      field: 'lines[0].sku',
      reason: 'unknown-sku',
    });
  });

  it('matches out-of-order responses by id', async () => {
    const heldRequests: IpcRequest[] = [];
    const { client, reply } = connect((request) => {
      heldRequests.push(request);
      return null;
    });

    const first = client.query('orders.list', { date: '2026-12-01' });
    const second = client.query('orders.list', { date: '2026-12-02' });
    await expect.poll(() => heldRequests.length).toBe(2);

    for (const request of [...heldRequests].reverse()) {
      reply({ id: request.id, ok: true, data: request.input });
    }

    expect(await first).toEqual({ date: '2026-12-01' });
    expect(await second).toEqual({ date: '2026-12-02' });
  });

  it('ignores responses with unknown ids', async () => {
    const { client, reply } = connect((request) => {
      reply({ id: request.id + 1000, ok: true, data: 'stray' });
      return { id: request.id, ok: true, data: 'answer' };
    });

    expect(await client.query('sync.status')).toBe('answer');
  });

  it('rejects subscriptions without sending them', async () => {
    const { client, received } = connect(() => null);

    const failure = await new Promise<unknown>((resolve) => {
      client.subscription('sync.events', undefined, {
        onError: resolve,
      });
    });

    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as Error).message).toMatch(/only queries and mutations/);
    expect(received).toHaveLength(0);
  });
});
