import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { AvailabilityState } from '../../../shared/availability.js';
import type { Menu } from '../../../shared/menu.js';
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
import { readSettings } from '../db/settings-store.js';
import type { TerminalCore, TerminalCoreOptions } from '../terminal-core.js';
import { localCaller, openTestCore, removeDir } from '../testing/test-core.js';

/**
 * Staff, permissions, sold-out marks, menu delivery and the back office
 * against the real server process (embedded PGlite store), reached through
 * a loopback TCP proxy that the tests cut to play a lost network.
 */
const owner = {
  email: 'staff-owner@example.test',
  password: 'correct horse 42',
};
const pins = { cashier: '1111', manager: '2222' };
let server: ServerProcess;
let proxy: TcpProxy;
let ownerToken: string;
let truckId: string;
let managerId: string;
const opened: TerminalCore[] = [];

const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' },
};

function ownerCall<T>(
  type: 'query' | 'mutation',
  procedure: string,
  input?: unknown,
): Promise<T> {
  return trpcCall<T>(server.url, ownerToken, type, procedure, input);
}

beforeAll(async () => {
  const dataDir = makeServerDir('core-staff-server');
  await createOwner({ dataDir, ...owner, org: 'Staff Tacos' });
  server = await startServerProcess({ dataDir });
  ownerToken = await loginOwner(server.url, owner.email, owner.password);
  ({ truckId } = await setupTruck(
    server.url,
    ownerToken,
    loadFixtureMenu('taco-truck'),
  ));
  await ownerCall('mutation', 'staff.create', {
    name: 'Cam Cashier',
    role: 'staff',
    pin: pins.cashier,
  });
  ({ id: managerId } = await ownerCall<{ id: string }>(
    'mutation',
    'staff.create',
    { name: 'Mo Manager', role: 'manager', pin: pins.manager },
  ));
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

async function pairedCore(
  options: Partial<TerminalCoreOptions> = {},
): Promise<TerminalCore> {
  const core = openTestCore({
    serverUrl: `http://${proxy.address}`,
    sync: { baseBackoffMs: 50, maxBackoffMs: 200, requestTimeoutMs: 2_000 },
    ...options,
  });
  opened.push(core);
  const { pairingCode } = await ownerCall<{ pairingCode: string }>(
    'mutation',
    'trucks.issuePairingCode',
    { truckId },
  );
  await localCaller(core).setup.pair({ pairingCode });
  return core;
}

/** Opens a paired core with its sync loop and change listener running, as the app does. */
function runningCore() {
  return pairedCore({
    startSync: true,
    // Only the long-poll can bring a menu this fast: the pull timer waits a minute.
    sync: {
      baseBackoffMs: 50,
      maxBackoffMs: 200,
      requestTimeoutMs: 2_000,
      pullIntervalMs: 60_000,
    },
    changeListener: { maxRetryDelayMs: 500 },
  });
}

async function publishMenu(edit: (menu: Menu) => void): Promise<number> {
  const menu = loadFixtureMenu('taco-truck') as Menu;
  edit(menu);
  const { version } = await ownerCall<{ version: number }>(
    'mutation',
    'menu.import',
    { truckId, menu },
  );
  return version;
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { code, message, cause } = error as {
      code: string;
      message: string;
      cause?: { field?: string };
    };
    return { code, message, field: cause?.field };
  }
  throw new Error('expected the call to fail');
}

describe('staff on a paired terminal', () => {
  it('checks PINs and approvals offline, then syncs the void', async () => {
    const core = await pairedCore();
    const api = localCaller(core);
    expect((await api.session.current()).signInRequired).toBe(true);

    proxy.cut();
    await api.session.signIn({ pin: pins.cashier });
    const { id, number } = await api.orders.create(tacoOrder);

    const refused = await rejection(
      api.orders.void({ orderId: id, reason: 'wrong item' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const voided = await api.orders.void({
      orderId: id,
      reason: 'wrong item',
      approvalPin: pins.manager,
    });
    expect(voided.approvedBy).toBe(managerId);

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await rejection(api.session.signIn({ pin: '9090' }))).code).toBe(
        'UNAUTHORIZED',
      );
    }
    const lockedOut = await rejection(api.session.signIn({ pin: '9090' }));
    expect(lockedOut.code).toBe('TOO_MANY_REQUESTS');
    expect(lockedOut.message).toMatch(
      /^Too many wrong PINs\. Try again at \d\d:\d\d \(in 5 minutes\)\.$/,
    );

    proxy.restore();
    const status = await api.sync.now();
    expect(status.pending).toBe(0);
    expect(status.rejected).toBe(0);

    const [summary] = await api.orders.list();
    expect(summary!.number).toBe(number);
    const report = await ownerCall<DailyReport>('query', 'reports.daily', {
      truckId,
      date: summary!.businessDate,
    });
    expect(report.voids.orders).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('syncs sold-out marks both ways and the cut-off', async () => {
    const core = await pairedCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: pins.cashier });
    await api.availability.set({
      sku: 'SIDE-ELOTE',
      target: 'item',
      soldOut: true,
    });
    await api.sync.now();

    const onServer = await ownerCall<AvailabilityState[]>(
      'query',
      'trucks.availability',
      { truckId },
    );
    const elote = onServer.find((mark) => mark.sku === 'SIDE-ELOTE');
    expect(elote?.active).toBe(true);

    await ownerCall('mutation', 'trucks.setAvailability', {
      truckId,
      sku: 'SIDE-CHIPS',
      target: 'item',
      soldOut: true,
      until: null,
    });
    await ownerCall('mutation', 'trucks.update', {
      truckId,
      businessDayCutoff: '04:00',
    });
    await api.sync.now();

    const skus = (await api.availability.list()).map((mark) => mark.sku);
    expect(skus).toContain('SIDE-CHIPS');
    expect(skus).toContain('SIDE-ELOTE');
    expect(readSettings(core.database.db).truckBusinessDayCutoff).toBe('04:00');

    const error = await rejection(
      api.orders.create({
        lines: [{ sku: 'SIDE-CHIPS', quantity: 1, modifiers: [] }],
        tender: { method: 'card' },
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('(SIDE-CHIPS) is sold out');

    await ownerCall('mutation', 'trucks.setAvailability', {
      truckId,
      sku: 'SIDE-CHIPS',
      target: 'item',
      soldOut: false,
    });
    await ownerCall('mutation', 'trucks.update', {
      truckId,
      businessDayCutoff: '00:00',
    });
  }, 60_000);
});

describe('menu delivery', () => {
  it('brings a published menu within 10 s', async () => {
    const core = await runningCore();
    const api = localCaller(core);
    const before = (await api.menu.current())!.version;

    const version = await publishMenu((menu) => {
      menu.categories[0]!.items[0]!.price = 475;
    });
    expect(version).toBeGreaterThan(before);
    const startedAt = Date.now();
    await eventually(
      'published menu on the terminal',
      async () => (await api.menu.current())?.version === version,
      10_000,
    );
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  }, 60_000);

  it('brings a menu edited offline on reconnect', async () => {
    const core = await runningCore();
    const api = localCaller(core);

    proxy.cut();
    const version = await publishMenu((menu) => {
      menu.categories[0]!.items[1]!.price = 440;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await api.menu.current())?.version).not.toBe(version);

    proxy.restore();
    await eventually(
      'menu after reconnect',
      async () => (await api.menu.current())?.version === version,
      10_000,
    );
  }, 60_000);

  it('syncs an offline order whose item was deleted', async () => {
    const core = await pairedCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: pins.cashier });

    proxy.cut();
    const created = await api.orders.create(tacoOrder);
    await publishMenu((menu) => {
      menu.categories[0]!.items = menu.categories[0]!.items.filter(
        (item) => item.sku !== 'TACO-ASADA',
      );
    });

    proxy.restore();
    const status = await api.sync.now();
    expect(status.rejected).toBe(0);
    const summary = (await api.orders.list()).find(
      (order) => order.id === created.id,
    );
    expect(summary?.syncState).toBe('synced');
    expect(summary?.totals).toEqual(created.totals);

    const onServer = await ownerCall<{ id: string; totals: unknown }[]>(
      'query',
      'orders.list',
      { truckId, date: summary!.businessDate },
    );
    const synced = onServer.find((order) => order.id === created.id);
    expect(synced?.totals).toEqual(created.totals);

    const menu = await api.menu.current();
    const skus = menu!.menu.categories.flatMap((category) =>
      category.items.map((item) => item.sku),
    );
    expect(skus).not.toContain('TACO-ASADA');
    await publishMenu(() => {});
  }, 60_000);
});

describe('back office through the core', () => {
  it('forwards allowed procedures with the owner session', async () => {
    const core = await pairedCore();
    const api = localCaller(core);
    expect(await api.backOffice.status()).toEqual({
      signedIn: false,
      email: null,
    });

    const notSignedIn = await rejection(
      api.backOffice.request({ type: 'query', path: 'staff.list' }),
    );
    expect(notSignedIn.code).toBe('UNAUTHORIZED');

    const wrong = await rejection(
      api.backOffice.signIn({ email: owner.email, password: 'wrong password' }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');

    const status = await api.backOffice.signIn(owner);
    expect(status).toEqual({ signedIn: true, email: owner.email });

    const staff = (await api.backOffice.request({
      type: 'query',
      path: 'staff.list',
    })) as { name: string }[];
    expect(staff.map((member) => member.name).sort()).toEqual([
      'Cam Cashier',
      'Mo Manager',
    ]);

    const badPin = await rejection(
      api.backOffice.request({
        type: 'mutation',
        path: 'staff.create',
        input: { name: 'Short Pin', role: 'staff', pin: '12' },
      }),
    );
    expect(badPin.code).toBe('BAD_REQUEST');
    expect(badPin.field).toBe('pin');

    const device = await rejection(
      api.backOffice.request({
        type: 'mutation',
        path: 'sync.push',
        input: {},
      }),
    );
    expect(device.code).toBe('NOT_FOUND');
    expect(device.field).toBe('path');

    proxy.cut();
    const offline = await rejection(
      api.backOffice.request({ type: 'query', path: 'staff.list' }),
    );
    expect(offline).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message:
        'The back office needs the server; the counter keeps working offline.',
      field: undefined,
    });
    proxy.restore();

    expect(await api.backOffice.signOut()).toEqual({
      signedIn: false,
      email: null,
    });
  }, 60_000);
});

describe('revoked terminal', () => {
  it('keeps its orders and says why it stopped', async () => {
    const core = await pairedCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: pins.cashier });
    proxy.cut();
    await api.orders.create(tacoOrder);
    proxy.restore();

    const { deviceId } = readSettings(core.database.db);
    await ownerCall('mutation', 'devices.revoke', { deviceId });
    const status = await api.sync.now();

    expect(status.pending).toBe(1);
    expect(status.lastError).toMatch(
      /The server's reason: The owner unpaired this terminal on \d{4}-\d\d-\d\d, so it no longer syncs\./,
    );
    expect(await api.orders.list()).toHaveLength(1);
  }, 60_000);
});
