import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

/**
 * A TCP proxy on loopback that a test owns, used to simulate outages of a
 * real service (PostgreSQL, Redis, the central server) without touching
 * the service itself.
 *
 * - `pause()` keeps every connection open but stops moving bytes in both
 *   directions, as a hung peer or a black-holed network would. New
 *   connections are accepted and held the same way.
 * - `cut()` resets every open connection and resets each new one at once,
 *   as a stopped service would.
 * - `drop()` closes every open connection and each new one with a FIN, as
 *   a peer that hangs up would.
 * - `delay(ms)` forwards every chunk after ms milliseconds, as a slow
 *   mobile link would.
 * - `cutReplies()` forwards requests to the upstream but resets the client
 *   connection as soon as the upstream's reply starts, so the server acts
 *   on a request whose reply never arrives.
 * - `restore()` ends any of these states. Bytes held during a pause are
 *   delivered.
 */
export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** `host:port` of the proxy, for building connection URLs. */
  readonly address: string;
  readonly mode: ProxyMode;
  /** Number of client connections currently open through the proxy. */
  openConnections(): number;
  pause(): void;
  cut(): void;
  drop(): void;
  delay(ms: number): void;
  cutReplies(): void;
  /** Connections reset by cutReplies so far, each after a request went upstream. */
  repliesCut(): number;
  restore(): void;
  close(): Promise<void>;
}

export type ProxyMode =
  'forwarding' | 'paused' | 'cut' | 'dropping' | 'delaying' | 'cutting-replies';

/**
 * One client connection and its upstream connection. Bytes that arrive
 * while the proxy is paused wait in `held`, in arrival order, because
 * pausing the sockets alone is not enough: stream piping resumes a source
 * whenever its destination drains.
 */
interface Pair {
  client: Socket;
  upstream: Socket;
  held: { to: Socket; chunk: Buffer }[];
}

export async function startTcpProxy(target: {
  host: string;
  port: number;
}): Promise<TcpProxy> {
  let mode: ProxyMode = 'forwarding';
  let delayMs = 0;
  let repliesCut = 0;
  const dueAt = new WeakMap<Socket, number>();
  const pairs = new Set<Pair>();

  const forward = (pair: Pair, to: Socket, chunk: Buffer) => {
    if (mode === 'paused') pair.held.push({ to, chunk });
    else if (mode === 'cutting-replies' && to === pair.client) {
      repliesCut += 1;
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    } else {
      // Chunks still waiting from a delay go first, so a restore never
      // reorders the byte stream.
      const now = Date.now();
      const due = Math.max(
        mode === 'delaying' ? now + delayMs : now,
        dueAt.get(to) ?? 0,
      );
      if (due <= now) {
        to.write(chunk);
        return;
      }
      dueAt.set(to, due);
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, due - now);
    }
  };

  // Every accepted socket, so close() can end the ones drop() half-closed.
  const accepted = new Set<Socket>();

  const server: Server = createServer((client) => {
    accepted.add(client);
    client.once('close', () => accepted.delete(client));
    if (mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'dropping') {
      client.end();
      return;
    }

    const upstream = new Socket();
    const pair: Pair = { client, upstream, held: [] };
    pairs.add(pair);

    const closePair = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closePair);
    upstream.on('error', closePair);
    client.on('close', closePair);
    upstream.on('close', closePair);

    client.on('data', (chunk: Buffer) => forward(pair, upstream, chunk));
    upstream.on('data', (chunk: Buffer) => forward(pair, client, chunk));

    upstream.connect(target.port, target.host);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    openConnections: () => pairs.size,
    pause() {
      mode = 'paused';
    },
    cut() {
      mode = 'cut';
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      }
    },
    drop() {
      mode = 'dropping';
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.end();
        pair.upstream.destroy();
      }
    },
    delay(ms: number) {
      mode = 'delaying';
      delayMs = ms;
    },
    cutReplies() {
      mode = 'cutting-replies';
    },
    repliesCut: () => repliesCut,
    restore() {
      mode = 'forwarding';
      for (const pair of pairs) {
        for (const { to, chunk } of pair.held.splice(0)) to.write(chunk);
      }
    },
    async close() {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
