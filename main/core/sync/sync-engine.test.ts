import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { DailyReport } from '../../../shared/report.js';
import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import {
  createOwner,
  eventually,
  loginOwner,
  makeTempDir as makeServerDir,
  setupTruck,
  startServerProcess,
  trpcCall,
  type ServerProcess,
} from '../../../test/support/processes.js';
import {
  startTcpProxy,
  type TcpProxy,
} from '../../../test/support/tcp-proxy.js';
import { updateSettings } from '../db/settings-store.js';
import type { TerminalCore, TerminalCoreOptions } from '../terminal-core.js';
import { localCaller, openTestCore, removeDir } from '../testing/test-core.js';

/**
 * The sync client against the real central server process (embedded PGlite
 * store), reached through a loopback TCP proxy that the tests cut or pause
 * to play a lost network or a hung server.
 */
const owner = {
  email: 'sync-owner@example.test',
  password: 'correct horse 42',
};
let server: ServerProcess;
let proxy: TcpProxy;
let ownerToken: string;
let truckId: string;
let firstPairingCode: string;
const opened: TerminalCore[] = [];

const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' },
};

beforeAll(async () => {
  const dataDir = makeServerDir('core-sync-server');
  await createOwner({ dataDir, ...owner, org: 'Sync Tacos' });
  server = await startServerProcess({ dataDir });
  ownerToken = await loginOwner(server.url, owner.email, owner.password);
  const truck = await setupTruck(
    server.url,
    ownerToken,
    loadFixtureMenu('taco-truck'),
  );
  truckId = truck.truckId;
  firstPairingCode = truck.pairingCode;
  proxy = await startTcpProxy({ host: '127.0.0.1', port: server.port });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

afterEach(async () => {
  proxy.restore();
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
});

const proxyUrl = () => `http://${proxy.address}`;

function openCore(options: Partial<TerminalCoreOptions> = {}) {
  const core = openTestCore({
    serverUrl: proxyUrl(),
    sync: { baseBackoffMs: 50, maxBackoffMs: 200, requestTimeoutMs: 2_000 },
    ...options,
  });
  opened.push(core);
  return core;
}

async function newPairingCode(): Promise<string> {
  const issued = await trpcCall<{ pairingCode?: string; code?: string }>(
    server.url,
    ownerToken,
    'mutation',
    'trucks.issuePairingCode',
    { truckId },
  );
  return issued.pairingCode ?? issued.code!;
}

async function pairedCore(options: Partial<TerminalCoreOptions> = {}) {
  const core = openCore(options);
  await localCaller(core).setup.pair({ pairingCode: await newPairingCode() });
  return core;
}

async function serverReport(date: string): Promise<DailyReport> {
  return trpcCall<DailyReport>(
    server.url,
    ownerToken,
    'query',
    'reports.daily',
    {
      truckId,
      date,
    },
  );
}

describe('setup.pair', () => {
  it('pairs and pulls the menu', async () => {
    const core = openCore();
    const caller = localCaller(core);

    const status = await caller.setup.pair({
      pairingCode: firstPairingCode,
      deviceName: 'Window 1',
    });

    expect(status.paired).toBe(true);
    expect(status.deviceName).toBe('Window 1');
    expect(status.truck?.timezone).toBe('America/New_York');
    expect(status.menuVersion).toBe(1);
    expect((await caller.menu.current())?.menu.currency).toBe('USD');
    await expect(
      caller.setup.pair({ pairingCode: firstPairingCode }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('passes on the server message for a wrong code', async () => {
    const core = openCore();

    const error = await localCaller(core)
      .setup.pair({ pairingCode: 'NOPE-0000' })
      .then(
        () => new Error('pairing succeeded'),
        (caught: unknown) => caught as Error,
      );

    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(error.message).not.toMatch(/Cannot reach|pairing succeeded/);
    expect(core.setupStatus().paired).toBe(false);
  });

  it('reports an unreachable server plainly', async () => {
    const core = openCore();
    proxy.cut();

    await expect(
      localCaller(core).setup.pair({ pairingCode: 'ABCD-1234' }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: `Cannot reach the server at ${proxyUrl()}. Check the address and the network, then try again.`,
    });
  });
});

describe('sync', () => {
  it('flushes orders and the reports agree', async () => {
    // A truck of its own, so the server's report holds only these orders.
    const truck = await setupTruck(
      server.url,
      ownerToken,
      loadFixtureMenu('taco-truck'),
      {
        name: 'Report truck',
        timezone: 'America/New_York',
      },
    );
    const core = openCore({ startSync: false });
    const caller = localCaller(core);
    await caller.setup.pair({ pairingCode: truck.pairingCode });
    for (let index = 0; index < 5; index += 1)
      await caller.orders.create(tacoOrder);
    await caller.orders.create({
      ...tacoOrder,
      tender: { method: 'cash', cashGiven: 5_000 },
    });

    const status = await caller.sync.now();
    const orders = await caller.orders.list();

    expect(status.lastError).toBeNull();
    expect(status.pending).toBe(0);
    expect(status.online).toBe(true);
    expect(orders.map((order) => order.syncState)).toEqual(
      Array(6).fill('synced'),
    );
    const date = orders[0]!.businessDate;
    const terminalReport = await caller.reports.daily({ date });
    const fromServer = await trpcCall<DailyReport>(
      server.url,
      ownerToken,
      'query',
      'reports.daily',
      {
        truckId: truck.truckId,
        date,
      },
    );
    expect(terminalReport.orders).toBe(6);
    expect(fromServer).toEqual(terminalReport);
  });

  it('acks a resent entry as a duplicate', async () => {
    const core = await pairedCore({ startSync: false });
    const caller = localCaller(core);
    const created = await caller.orders.create(tacoOrder);
    await caller.sync.now();
    const date = (await caller.orders.list())[0]!.businessDate;
    const ordersBefore = (await serverReport(date)).orders;

    // As after a crash between the send and the ack.
    core.database.sqlite
      .prepare("UPDATE outbox SET state = 'pending', acked_at = NULL")
      .run();
    const status = await caller.sync.now();

    expect(status.pending).toBe(0);
    expect((await serverReport(date)).orders).toBe(ordersBefore);
    const [summary] = await caller.orders.list();
    expect(summary?.id).toBe(created.id);
    expect(summary?.syncState).toBe('synced');
  });

  it('keeps and shows a rejected entry', async () => {
    const core = await pairedCore({ startSync: false });
    const caller = localCaller(core);
    const good = await caller.orders.create(tacoOrder);
    const bad = await caller.orders.create(tacoOrder);
    core.database.sqlite
      .prepare(
        "UPDATE outbox SET payload_json = json_set(payload_json, '$.totals.total', 1) WHERE entity_id = ?",
      )
      .run(bad.id);

    const status = await caller.sync.now();
    const orders = await caller.orders.list();
    const rejected = orders.find((order) => order.id === bad.id);

    expect(status.pending).toBe(0);
    expect(status.rejected).toBe(1);
    expect(rejected?.syncState).toBe('rejected');
    expect(rejected?.syncError).toEqual(expect.any(String));
    expect(orders.find((order) => order.id === good.id)?.syncState).toBe(
      'synced',
    );
    expect(core.outbox.counts()).toEqual({ pending: 0, acked: 1, rejected: 1 });
  });

  it('backs off, then resumes when the server returns', async () => {
    const core = await pairedCore({ startSync: true });
    const caller = localCaller(core);
    proxy.cut();

    await caller.orders.create(tacoOrder);
    await caller.orders.create(tacoOrder);
    await eventually('a failed attempt', async () => {
      const status = await caller.sync.status();
      return status.lastError !== null && status.nextAttemptAt !== null;
    });
    const offline = await caller.sync.status();
    expect(offline.online).toBe(false);
    expect(offline.pending).toBe(2);
    expect(offline.lastError).toMatch(/^Cannot reach the server at /);

    proxy.restore();
    // A long-poll or pull that started during the cut may fail after the
    // queue drains, so the status settles a moment later.
    await eventually(
      'the queue to drain and the status to settle',
      async () => {
        const status = await caller.sync.status();
        return (
          status.pending === 0 && status.online && status.lastError === null
        );
      },
    );
    const online = await caller.sync.status();
    expect(online.pending).toBe(0);
    expect(online.online).toBe(true);
    expect(online.lastError).toBeNull();
  });

  it('times out a hung server', async () => {
    const core = await pairedCore({
      startSync: false,
      sync: { requestTimeoutMs: 300, baseBackoffMs: 50, maxBackoffMs: 200 },
    });
    await localCaller(core).orders.create(tacoOrder);
    proxy.pause();

    const status = await localCaller(core).sync.now();

    expect(status.pending).toBe(1);
    expect(status.lastError).toMatch(/did not reply within 300 ms/);
  });

  it('stops on a revoked device token', async () => {
    const core = await pairedCore({ startSync: false });
    updateSettings(core.database.db, {
      deviceToken: 'not-a-token-the-server-issued',
    });
    await localCaller(core).orders.create(tacoOrder);

    const status = await localCaller(core).sync.now();

    expect(status.pending).toBe(1);
    expect(status.online).toBe(false);
    expect(status.nextAttemptAt).toBeNull();
    expect(status.lastError).toMatch(/revoked or unknown/);
  });
});

describe('sync against a failing server', () => {
  let failing: Server;
  let requests = 0;

  beforeAll(async () => {
    failing = createServer((_request, response) => {
      requests += 1;
      response.writeHead(503, { 'Content-Type': 'text/plain' });
      response.end('maintenance');
    });
    await new Promise<void>((resolve) =>
      failing.listen(0, '127.0.0.1', resolve),
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => failing.close(resolve));
  });

  it('retries a 503 with backoff', async () => {
    const core = await pairedCore({ startSync: true });
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    updateSettings(core.database.db, { serverUrl: url });
    const before = requests;

    await localCaller(core).orders.create(tacoOrder);
    await eventually('three attempts', async () => requests - before >= 3);
    const status = await localCaller(core).sync.status();

    expect(status.pending).toBe(1);
    expect(status.lastError).toMatch(/failed with HTTP 503/);
  });
});
