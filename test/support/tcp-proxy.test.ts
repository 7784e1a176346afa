import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** Connects to the proxy and collects what comes back. */
async function connect(proxy: TcpProxy) {
  const socket = new Socket();
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => resolve()),
  );
  socket.on('error', () => undefined);
  // A reset can arrive before the connect event, so closing also ends the wait.
  await Promise.race([
    new Promise<void>((resolve) =>
      socket.connect(proxy.port, proxy.host, resolve),
    ),
    closed,
  ]);
  return { socket, received: () => received, closed };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(check()).toBe(true);
}

describe('startTcpProxy', () => {
  let echo: Server;
  let proxy: TcpProxy;

  beforeAll(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: (echo.address() as AddressInfo).port,
    });
  });

  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it('forwards bytes both ways', async () => {
    const client = await connect(proxy);
    client.socket.write('hello');
    await waitFor(() => client.received() === 'hello');
    expect(proxy.openConnections()).toBe(1);
    client.socket.destroy();
    await client.closed;
  });

  it('holds bytes while paused, then delivers them', async () => {
    const client = await connect(proxy);
    proxy.pause();
    expect(proxy.mode).toBe('paused');
    client.socket.write('held');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.received()).toBe('');

    proxy.restore();
    await waitFor(() => client.received() === 'held');
    client.socket.destroy();
  });

  it('resets open and new connections when cut', async () => {
    const open = await connect(proxy);
    proxy.cut();
    await open.closed;
    expect(proxy.openConnections()).toBe(0);

    const refused = await connect(proxy);
    await refused.closed;
    expect(refused.received()).toBe('');

    proxy.restore();
    const again = await connect(proxy);
    again.socket.write('back');
    await waitFor(() => again.received() === 'back');
    again.socket.destroy();
  });
});
