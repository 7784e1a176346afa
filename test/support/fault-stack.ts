import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';

import type { SyncStatus } from '../../shared/local-api.js';
import { loadFixtureMenu } from './fixtures.js';
import { createTestDatabase } from './postgres.js';
import {
  createOwner,
  eventually,
  loginOwner,
  makeTempDir,
  setupTruck,
  startServerProcess,
  startTerminalProcess,
  trpcCall,
  type ServerProcess,
  type TerminalProcess,
} from './processes.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/**
 * A real server on its own PostgreSQL database, one owner and truck, and a
 * terminal data directory, for the fault tests. The terminal reaches the
 * server through a loopback proxy the test owns, so the network between
 * them can fail on command.
 */
export interface FaultStack {
  databaseUrl: string;
  server: ServerProcess;
  /** Between the terminal and the server. */
  proxy: TcpProxy;
  /** Between the server and PostgreSQL, when requested. */
  databaseProxy: TcpProxy | null;
  ownerToken: string;
  truckId: string;
  pairingCode: string;
  terminalDir: string;
  owner: { email: string; password: string };
  restartServer(env?: NodeJS.ProcessEnv): Promise<void>;
  close(): Promise<void>;
}

export const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' },
};

/** The terminal environment of the fault tests: fast retries and timeouts. */
export const fastSyncEnv: NodeJS.ProcessEnv = {
  GALLEY_SYNC_MAX_BACKOFF_MS: '500',
  GALLEY_SYNC_REQUEST_TIMEOUT_MS: '2000',
  GALLEY_LOG_LEVEL: 'warn',
};

export async function startFaultStack(options: {
  prefix: string;
  /** Routes the server's PostgreSQL connections through a proxy the test owns. */
  proxyDatabase?: boolean;
  serverEnv?: NodeJS.ProcessEnv;
  timezone?: string;
}): Promise<FaultStack> {
  const database = await createTestDatabase(options.prefix);
  const databaseProxy = options.proxyDatabase
    ? await startTcpProxy({
        host: '127.0.0.1',
        port: Number(new URL(database.url).port || 5432),
      })
    : null;
  const proxiedUrl = new URL(database.url);
  if (databaseProxy) proxiedUrl.port = String(databaseProxy.port);
  const databaseUrl = proxiedUrl.toString();
  const owner = {
    email: `${options.prefix}@example.test`,
    password: 'correct horse 42',
  };
  await createOwner({
    databaseUrl: database.url,
    ...owner,
    org: 'Fault Tacos',
  });

  let server = await startServerProcess({
    databaseUrl,
    env: options.serverEnv,
  });
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: server.port });
  const ownerToken = await loginOwner(server.url, owner.email, owner.password);
  const { truckId, pairingCode } = await setupTruck(
    server.url,
    ownerToken,
    loadFixtureMenu('taco-truck'),
    { name: 'Fault truck', timezone: options.timezone ?? 'America/New_York' },
  );

  const stack: FaultStack = {
    databaseUrl: database.url,
    server,
    proxy,
    databaseProxy,
    ownerToken,
    truckId,
    pairingCode,
    terminalDir: makeTempDir('fault-terminal'),
    owner,
    async restartServer(env) {
      server = await startServerProcess({
        databaseUrl,
        port: server.port,
        env: env ?? options.serverEnv,
      });
      stack.server = server;
    },
    async close() {
      await proxy.close();
      databaseProxy?.restore();
      // Long-polls may hold the server's graceful stop for their full 25 s.
      await stack.server.stop(3_000);
      await databaseProxy?.close();
      await database.drop();
    },
  };
  return stack;
}

/** Starts the stack's terminal through the proxy, pairing it on first use. */
export async function startStackTerminal(
  stack: FaultStack,
  env: NodeJS.ProcessEnv = {},
): Promise<TerminalProcess> {
  const terminal = await startTerminalProcess({
    dataDir: stack.terminalDir,
    serverUrl: `http://${stack.proxy.address}`,
    pairingCode: stack.pairingCode,
    env: { ...fastSyncEnv, ...env },
  });
  await eventually('the menu on the terminal', async () => {
    const menu = await trpcCall(
      terminal.url,
      terminal.token,
      'query',
      'menu.current',
    );
    return menu !== null;
  });
  return terminal;
}

export function syncStatusOf(terminal: TerminalProcess): Promise<SyncStatus> {
  return trpcCall<SyncStatus>(
    terminal.url,
    terminal.token,
    'query',
    'sync.status',
  );
}

export async function takeOrders(
  terminal: TerminalProcess,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const order = await trpcCall<{ id: string }>(
      terminal.url,
      terminal.token,
      'mutation',
      'orders.create',
      tacoOrder,
    );
    ids.push(order.id);
  }
  return ids;
}

export async function waitForDrain(
  terminal: TerminalProcess,
  timeoutMs = 60_000,
): Promise<SyncStatus> {
  let last: SyncStatus | null = null;
  await eventually(
    'the outbox to drain',
    async () => {
      last = await syncStatusOf(terminal);
      return last.pending === 0 && last.online;
    },
    timeoutMs,
  );
  return last!;
}

/** Reads the ids of every order row the server stored for the truck, straight from PostgreSQL. */
export async function serverOrderIds(
  databaseUrl: string,
  truckId: string,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(
      'SELECT id FROM orders WHERE truck_id = $1 ORDER BY id',
      [truckId],
    );
    return result.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

/** Runs a read-only query on a stopped terminal's database. */
export function readTerminalDatabase<T>(
  dataDir: string,
  read: (sqlite: Database.Database) => T,
): T {
  const sqlite = new Database(path.join(dataDir, 'terminal.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

export function terminalOrderIds(dataDir: string): string[] {
  return readTerminalDatabase(dataDir, (sqlite) =>
    (
      sqlite.prepare('SELECT id FROM orders ORDER BY id').all() as {
        id: string;
      }[]
    ).map((row) => row.id),
  );
}
