import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pino from 'pino';

import { createTestDatabase } from '../../test/support/postgres.js';
import { createServer, type GalleyServer, type ServerOptions } from '../app.js';
import { createOwner } from '../auth/owners.js';
import type { StoreConfig } from '../db/connection.js';

/** The two stores every important suite runs on. */
export const storeKinds = ['pglite', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

export interface TestStore {
  config: StoreConfig;
  dispose(): Promise<void>;
}

/** Creates a fresh store: a temp PGlite folder or a throwaway PostgreSQL database. */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'postgres') {
    const database = await createTestDatabase('server');
    return { config: { databaseUrl: database.url }, dispose: database.drop };
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'galley-server-test-'));
  return {
    config: { dataDir },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export interface CallResult<T = unknown> {
  status: number;
  body: { result?: { data: T }; error?: TrpcErrorBody };
  raw: string;
}

export interface TrpcErrorBody {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; field?: string; reason?: string };
}

export interface TestServer {
  server: GalleyServer;
  /** Moves the server's clock, e.g. past a pairing code's expiry. */
  advanceClock(ms: number): void;
  query<T = unknown>(
    procedure: string,
    input?: unknown,
    token?: string,
  ): Promise<CallResult<T>>;
  mutate<T = unknown>(
    procedure: string,
    input?: unknown,
    token?: string,
  ): Promise<CallResult<T>>;
  /** Calls and returns the data, failing the test on an error response. */
  ok<T = unknown>(
    type: 'query' | 'mutation',
    procedure: string,
    input?: unknown,
    token?: string,
  ): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the server in process on a fresh store, with silent logs and a
 * clock the test can move. Requests go through Fastify's inject, so they
 * cross the full HTTP stack without opening a port.
 */
export async function startTestServer(
  kind: StoreKind,
  options: ServerOptions = {},
): Promise<TestServer> {
  const store = await createTestStore(kind);
  let offsetMs = 0;
  const server = await createServer(store.config, {
    logger: pino({ level: 'silent' }),
    clock: () => new Date(Date.now() + offsetMs),
    ...options,
  });

  const call = async <T>(
    type: 'query' | 'mutation',
    procedure: string,
    input: unknown,
    token: string | undefined,
  ): Promise<CallResult<T>> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const response =
      type === 'query'
        ? await server.app.inject({
            method: 'GET',
            url: `/trpc/${procedure}`,
            query: input === undefined ? {} : { input: JSON.stringify(input) },
            headers,
          })
        : await server.app.inject({
            method: 'POST',
            url: `/trpc/${procedure}`,
            payload: JSON.stringify(input ?? null),
            headers: { ...headers, 'content-type': 'application/json' },
          });
    return {
      status: response.statusCode,
      body: response.json(),
      raw: response.body,
    };
  };

  const ok = async <T>(
    type: 'query' | 'mutation',
    procedure: string,
    input?: unknown,
    token?: string,
  ): Promise<T> => {
    const result = await call<T>(type, procedure, input, token);
    if (!result.body.result) {
      throw new Error(
        `${procedure} failed with ${result.status}: ${result.raw}`,
      );
    }
    return result.body.result.data;
  };

  return {
    server,
    advanceClock: (ms) => {
      offsetMs += ms;
    },
    query: (procedure, input, token) => call('query', procedure, input, token),
    mutate: (procedure, input, token) =>
      call('mutation', procedure, input, token),
    ok,
    async close() {
      try {
        await server.close();
      } finally {
        await store.dispose();
      }
    },
  };
}

let ownerCounter = 0;

/** Creates an organisation with an owner and signs the owner in. */
export async function signUpOwner(
  test: TestServer,
  organizationName = 'Test foods',
): Promise<{ token: string; organizationId: string; email: string }> {
  ownerCounter += 1;
  const email = `owner${ownerCounter}-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  const created = await createOwner(test.server.database.db, {
    email,
    password,
    organizationName,
  });
  const { token } = await test.ok<{ token: string }>('mutation', 'auth.login', {
    email,
    password,
  });
  return { token, organizationId: created.organizationId, email };
}

export interface PairedTruck {
  truckId: string;
  deviceId: string;
  deviceToken: string;
  slot: number;
}

/** Creates a truck for the owner and pairs one device with it. */
export async function createPairedTruck(
  test: TestServer,
  ownerToken: string,
  truck = { name: 'Taco truck', timezone: 'America/New_York' },
): Promise<PairedTruck> {
  const created = await test.ok<{ truckId: string; pairingCode: string }>(
    'mutation',
    'trucks.create',
    truck,
    ownerToken,
  );
  const paired = await test.ok<{
    deviceId: string;
    deviceToken: string;
    slot: number;
  }>('mutation', 'devices.pair', {
    pairingCode: created.pairingCode,
    deviceName: 'Counter 1',
  });
  return {
    truckId: created.truckId,
    deviceId: paired.deviceId,
    deviceToken: paired.deviceToken,
    slot: paired.slot,
  };
}
