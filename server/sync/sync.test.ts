import { count, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { summarizeDay, type DailyReport } from '../../shared/report.js';
import type {
  OrderCreatedEntry,
  PullOutput,
  PushOutput,
} from '../../shared/sync.js';
import { orderLines, orders } from '../db/schema.js';
import {
  buildOrderSnapshot,
  fixtureMenu,
  orderEntry,
  validFixtureInputs,
} from '../testing/order-snapshots.js';
import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import { pullChanges } from './pull.js';

const tacoMenu = fixtureMenu('taco-truck');
const businessDate = '2026-03-14';
let orderNumber = 0;

function tacoEntries(count: number, date = businessDate): OrderCreatedEntry[] {
  return validFixtureInputs('taco-truck')
    .slice(0, count)
    .map((input) => {
      orderNumber += 1;
      return orderEntry(
        buildOrderSnapshot(tacoMenu, input, {
          number: orderNumber,
          businessDate: date,
        }),
      );
    });
}

describe.each(storeKinds)('sync on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;
  let truck: PairedTruck;

  const push = (entries: unknown[], token = truck.deviceToken) =>
    test.mutate<PushOutput>('sync.push', { entries }, token);

  const storedOrderCount = async (orderId: string) => {
    const [row] = await test.server.database.db
      .select({ value: count() })
      .from(orders)
      .where(eq(orders.id, orderId));
    return row!.value;
  };

  beforeAll(async () => {
    test = await startTestServer(kind);
    ownerToken = (await signUpOwner(test)).token;
    truck = await createPairedTruck(test, ownerToken);
    await test.ok(
      'mutation',
      'menu.import',
      {
        truckId: truck.truckId,
        menu: tacoMenu,
      },
      ownerToken,
    );
  });
  afterAll(() => test?.close());

  it('push stores a batch with its lines', async () => {
    const entries = tacoEntries(5);
    const result = await push(entries);

    expect(result.status).toBe(200);
    expect(result.body.result!.data.results).toEqual(
      entries.map((entry) => ({ id: entry.id, status: 'stored' })),
    );
    const first = entries[0]!.payload;
    const [row] = await test.server.database.db
      .select()
      .from(orders)
      .where(eq(orders.id, first.id));
    expect(row!.truckId).toBe(truck.truckId);
    expect(row!.total).toBe(first.totals.total);
    expect(row!.businessDate).toBe(businessDate);
    expect(row!.tenderMethod).toBe(first.tender.method);
    const lines = await test.server.database.db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, first.id));
    expect(lines).toHaveLength(first.lines.length);
  });

  it('push retry answers duplicate and stores once', async () => {
    const entries = tacoEntries(3);
    await push(entries);
    const retry = await push(entries);

    expect(retry.body.result!.data.results).toEqual(
      entries.map((entry) => ({ id: entry.id, status: 'duplicate' })),
    );
    for (const entry of entries) {
      expect(await storedOrderCount(entry.payload.id)).toBe(1);
    }
  });

  it('same order under a new entry id is a duplicate', async () => {
    const [entry] = tacoEntries(1);
    await push([entry!]);
    const again = { ...entry!, id: orderEntry(entry!.payload).id };
    const result = await push([again]);

    expect(result.body.result!.data.results).toEqual([
      { id: again.id, status: 'duplicate' },
    ]);
    expect(await storedOrderCount(entry!.payload.id)).toBe(1);
  });

  it('concurrent pushes of one batch store each order once', async () => {
    const entries = tacoEntries(8);
    const [first, second] = await Promise.all([push(entries), push(entries)]);

    const statuses = entries.map((_, position) => [
      first.body.result!.data.results[position]!.status,
      second.body.result!.data.results[position]!.status,
    ]);
    for (const pair of statuses) {
      expect(pair.sort()).toEqual(['duplicate', 'stored']);
    }
    for (const entry of entries) {
      expect(await storedOrderCount(entry.payload.id)).toBe(1);
    }
  });

  it('invalid entry is rejected, the others stored', async () => {
    const [good1, bad, good2] = tacoEntries(3);
    const tampered = structuredClone(bad!);
    tampered.payload.totals.total += 1;
    const malformed = {
      id: orderEntry(good1!.payload).id,
      kind: 'order.created',
    };

    const result = await push([good1!, tampered, malformed, good2!]);
    const results = result.body.result!.data.results;

    expect(results[0]).toEqual({ id: good1!.id, status: 'stored' });
    expect(results[1]).toMatchObject({
      id: tampered.id,
      status: 'rejected',
      error: { code: 'BAD_REQUEST', field: 'payload.totals.total' },
    });
    expect(results[2]).toMatchObject({
      id: malformed.id,
      status: 'rejected',
      error: { field: 'createdAt' },
    });
    expect(results[3]).toEqual({ id: good2!.id, status: 'stored' });
    expect(await storedOrderCount(tampered.payload.id)).toBe(0);
  });

  it('wrong line allocation is rejected', async () => {
    const entry = tacoEntries(1)[0]!;
    const tampered = structuredClone(entry);
    tampered.payload.lines[0]!.net -= 1;
    tampered.payload.lines[0]!.discount += 1;

    const result = await push([tampered]);

    expect(result.body.result!.data.results[0]).toMatchObject({
      status: 'rejected',
      error: { field: 'payload.lines.0.discount' },
    });
  });

  it('order in another currency is rejected', async () => {
    const [good, foreign] = tacoEntries(2);
    const yen = structuredClone(foreign!);
    yen.payload.currency = 'JPY';

    const result = await push([good!, yen]);
    const results = result.body.result!.data.results;

    expect(results[0]).toEqual({ id: good!.id, status: 'stored' });
    expect(results[1]).toMatchObject({
      id: yen.id,
      status: 'rejected',
      error: { code: 'BAD_REQUEST', field: 'payload.currency' },
    });
    expect(await storedOrderCount(yen.payload.id)).toBe(0);
  });

  it('order of an item gone from the menu is stored', async () => {
    const snapshot = buildOrderSnapshot(
      tacoMenu,
      {
        lines: [{ sku: 'DRINK-WATER', quantity: 2 }],
        tender: { method: 'card' },
      },
      { number: 900, businessDate },
    );
    snapshot.lines[0]!.sku = 'DISCONTINUED-SODA';
    snapshot.lines[0]!.name = 'Soda we no longer sell';
    const entry = orderEntry(snapshot);

    const result = await push([entry]);

    expect(result.body.result!.data.results).toEqual([
      { id: entry.id, status: 'stored' },
    ]);
  });

  it('truck id comes from the device, not the payload', async () => {
    const other = await createPairedTruck(test, ownerToken, {
      name: 'Second truck',
      timezone: 'America/New_York',
    });
    const entry = tacoEntries(1)[0]!;
    (entry.payload as Record<string, unknown>).truckId = truck.truckId;

    await push([entry], other.deviceToken);
    const [row] = await test.server.database.db
      .select({ truckId: orders.truckId })
      .from(orders)
      .where(eq(orders.id, entry.payload.id));

    expect(row!.truckId).toBe(other.truckId);
  });

  it('reports.daily equals summarizeDay of pushed orders', async () => {
    const date = '2026-04-01';
    const entries = tacoEntries(20, date);
    await push(entries);

    const expected = summarizeDay(
      date,
      entries.map((entry) => ({
        currency: entry.payload.currency,
        tenderMethod: entry.payload.tender.method,
        totals: entry.payload.totals,
      })),
    );
    const input = { truckId: truck.truckId, date };
    const byOwner = await test.ok<DailyReport>(
      'query',
      'reports.daily',
      input,
      ownerToken,
    );
    const byDevice = await test.ok<DailyReport>(
      'query',
      'reports.daily',
      input,
      truck.deviceToken,
    );

    expect(byOwner).toEqual(expected);
    expect(byDevice).toEqual(expected);
    expect(byOwner.orders).toBe(entries.length);
  });

  it('orders.list returns the day in push order', async () => {
    const date = '2026-04-02';
    const entries = tacoEntries(3, date);
    await push(entries);

    const listed = await test.ok<
      { id: string; number: number; total: number }[]
    >('query', 'orders.list', { truckId: truck.truckId, date }, ownerToken);

    expect(listed).toEqual(
      entries.map((entry) => ({
        id: entry.payload.id,
        number: entry.payload.number,
        createdAt: new Date(entry.payload.createdAt).toISOString(),
        totals: entry.payload.totals,
        tenderMethod: entry.payload.tender.method,
        voided: false,
      })),
    );
  });

  it('repeated entry id in a batch answers once', async () => {
    const [entry] = tacoEntries(1);
    const result = await push([entry!, entry!]);

    expect(result.body.result!.data.results).toEqual([
      { id: entry!.id, status: 'stored' },
    ]);
    expect(await storedOrderCount(entry!.payload.id)).toBe(1);
  });

  it('same order twice in a batch stores it once', async () => {
    const [entry] = tacoEntries(1);
    const again = orderEntry(entry!.payload);
    const result = await push([entry!, again]);

    expect(result.body.result!.data.results).toEqual([
      { id: entry!.id, status: 'stored' },
      { id: again.id, status: 'duplicate' },
    ]);
    expect(await storedOrderCount(entry!.payload.id)).toBe(1);
  });

  it('order id of another truck is rejected', async () => {
    const other = await createPairedTruck(test, ownerToken, {
      name: 'Borrowing truck',
      timezone: 'America/New_York',
    });
    const [entry, good] = tacoEntries(2);
    await push([entry!]);
    const reused = orderEntry(entry!.payload);
    const conflict = {
      id: reused.id,
      status: 'rejected',
      error: {
        code: 'CONFLICT',
        message:
          `Order id ${entry!.payload.id} is already used by another truck. ` +
          'The terminal must give the order a new id.',
        field: 'payload.id',
      },
    };

    const first = await push([reused, good!], other.deviceToken);
    const retry = await push([reused], other.deviceToken);

    expect(first.body.result!.data.results).toEqual([
      conflict,
      { id: good!.id, status: 'stored' },
    ]);
    // The entry id was forgotten, so the retry is rejected again instead
    // of being reported as a duplicate.
    expect(retry.body.result!.data.results).toEqual([conflict]);
    const [row] = await test.server.database.db
      .select({ truckId: orders.truckId })
      .from(orders)
      .where(eq(orders.id, entry!.payload.id));
    expect(row!.truckId).toBe(truck.truckId);
  });

  it('order with another tax mode is rejected', async () => {
    const inclusiveMenu = { ...tacoMenu, taxMode: 'inclusive' as const };
    const entry = orderEntry(
      buildOrderSnapshot(inclusiveMenu, validFixtureInputs('taco-truck')[0], {
        number: 901,
        businessDate,
      }),
    );

    const result = await push([entry]);

    expect(result.body.result!.data.results).toEqual([
      {
        id: entry.id,
        status: 'rejected',
        error: {
          code: 'BAD_REQUEST',
          field: 'payload.taxMode',
          message:
            `Order ${entry.payload.id} uses inclusive tax, but menu ` +
            'version 1 of this truck is tax-exclusive.',
        },
      },
    ]);
    expect(await storedOrderCount(entry.payload.id)).toBe(0);
  });

  it('order past safe integer range is rejected', async () => {
    // Every entered value is within the terminal's limits, but a tip
    // percentage has no upper bound, so the tip leaves the safe range.
    const [good, huge] = tacoEntries(2);
    const line = {
      ...huge!.payload.lines[0]!,
      quantity: 999,
      basePrice: 100_000_000,
      modifiers: [],
      unitPrice: 100_000_000,
      gross: 99_900_000_000,
      taxes: [],
    };
    huge!.payload.lines = [line];
    huge!.payload.tip = { percent: '999999999' };

    const result = await push([good!, huge!]);

    expect(result.status, result.raw).toBe(200);
    expect(result.body.result!.data.results).toEqual([
      { id: good!.id, status: 'stored' },
      {
        id: huge!.id,
        status: 'rejected',
        error: {
          code: 'BAD_REQUEST',
          field: 'payload.totals',
          message:
            `Order ${huge!.payload.number} adds up to an amount outside ` +
            `the safe integer range (±${Number.MAX_SAFE_INTEGER} minor ` +
            'units). The entry was not stored.',
        },
      },
    ]);
    expect(await storedOrderCount(huge!.payload.id)).toBe(0);
  });
});

describe.each(storeKinds)('sync.pull on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;
  let organizationId: string;
  let truck: PairedTruck;

  const pull = (cursor: string) =>
    test.ok<PullOutput>('query', 'sync.pull', { cursor }, truck.deviceToken);

  beforeAll(async () => {
    test = await startTestServer(kind);
    ({ token: ownerToken, organizationId } = await signUpOwner(test));
    truck = await createPairedTruck(test, ownerToken);
  });
  afterAll(() => test?.close());

  const devicePrincipal = (truckId = truck.truckId): DevicePrincipal => ({
    kind: 'device',
    deviceId: truck.deviceId,
    truckId,
    organizationId,
    slot: truck.slot,
  });

  it('follows menu versions with the cursor', async () => {
    const empty = await pull('0');
    expect(empty.menu).toBeNull();
    expect(empty.cursor).toBe('0');
    expect(empty.truck).toEqual({
      id: truck.truckId,
      name: 'Taco truck',
      timezone: 'America/New_York',
      businessDayCutoff: '00:00',
    });

    await test.ok(
      'mutation',
      'menu.import',
      { truckId: truck.truckId, menu: tacoMenu },
      ownerToken,
    );
    const first = await pull(empty.cursor);
    expect(first.menu?.version).toBe(1);
    expect(first.menu?.menu).toEqual(tacoMenu);
    expect(BigInt(first.cursor)).toBeGreaterThan(0n);

    const unchanged = await pull(first.cursor);
    expect(unchanged.menu).toBeNull();
    expect(unchanged.cursor).toBe(first.cursor);

    // A pushed order advances the shared sequence but is no menu change.
    const entry = orderEntry(
      buildOrderSnapshot(tacoMenu, validFixtureInputs('taco-truck')[0], {
        number: 1,
        businessDate,
      }),
    );
    await test.ok(
      'mutation',
      'sync.push',
      { entries: [entry] },
      truck.deviceToken,
    );
    expect((await pull(first.cursor)).menu).toBeNull();

    const renamed = { ...tacoMenu, name: 'Dinner' };
    await test.ok(
      'mutation',
      'menu.import',
      { truckId: truck.truckId, menu: renamed },
      ownerToken,
    );
    const second = await pull(first.cursor);
    expect(second.menu?.version).toBe(2);
    expect(second.menu?.menu.name).toBe('Dinner');
    expect(BigInt(second.cursor)).toBeGreaterThan(BigInt(first.cursor));

    const fromStart = await pull('0');
    expect(fromStart.menu?.version).toBe(2);
  });

  it('cursor from another database starts over', async () => {
    const result = await pull('9999999999');

    expect(result.menu?.version).toBeGreaterThanOrEqual(1);
  });

  it('uncached pull reads menu from database', async () => {
    const now = new Date('2026-03-14T12:00:00.000Z');
    const viaRoute = await pull('0');

    const direct = await pullChanges(
      test.server.database.db,
      devicePrincipal(),
      '0',
      now,
    );

    expect(viaRoute.menu?.version).toBeGreaterThanOrEqual(1);
    expect(direct.menu).toEqual(viaRoute.menu);
    expect(direct.cursor).toBe(viaRoute.cursor);
    expect(direct.serverTime).toBe(now.toISOString());
  });

  it('pull for a device without a truck fails', async () => {
    const missingTruckId = uuidv7();

    await expect(
      pullChanges(
        test.server.database.db,
        devicePrincipal(missingTruckId),
        '0',
        new Date(),
      ),
    ).rejects.toThrow(`device ${truck.deviceId} has no truck`);
  });

  it('revoked device gets 401', async () => {
    const second = await createPairedTruck(test, ownerToken);
    await test.ok(
      'mutation',
      'devices.revoke',
      { deviceId: second.deviceId },
      ownerToken,
    );

    const result = await test.query(
      'sync.pull',
      { cursor: '0' },
      second.deviceToken,
    );

    expect(result.status).toBe(401);
    expect(result.body.error?.data.code).toBe('UNAUTHORIZED');
  });
});
