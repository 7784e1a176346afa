import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';

import type { AvailabilityState } from '../../shared/availability.js';
import type { DailyReport } from '../../shared/report.js';
import type {
  OrderSnapshot,
  PullOutput,
  PushEntryResult,
  PushOutput,
} from '../../shared/sync.js';
import { InProcessChangeFeed } from '../changes/change-feed.js';
import {
  createTestOrganization,
  databaseDigest,
  type TestOrganization,
} from '../testing/organization-fixture.js';
import {
  buildOrderSnapshot,
  fixtureMenu,
  orderEntry,
  validFixtureInputs,
} from '../testing/order-snapshots.js';
import {
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import { applyEntry, type LaterEntry } from './apply-entry.js';

const tacoMenu = fixtureMenu('taco-truck');
const businessDate = '2026-03-14';
let orderNumber = 0;

function tacoOrder(): OrderSnapshot {
  orderNumber += 1;
  return buildOrderSnapshot(tacoMenu, validFixtureInputs('taco-truck')[0], {
    number: orderNumber,
    businessDate,
  });
}

describe.each(storeKinds)('voids, refunds and sold out on %s', (kind) => {
  let test: TestServer;
  let org: TestOrganization;
  let other: TestOrganization;

  const push = async (entries: unknown[], token = org.truck.deviceToken) => {
    const result = await test.mutate<PushOutput>(
      'sync.push',
      { entries },
      token,
    );
    expect(result.status, result.raw).toBe(200);
    return result.body.result!.data.results;
  };
  const voidEntry = (order: OrderSnapshot, changes: object = {}) => ({
    id: uuidv7(),
    kind: 'order.voided',
    createdAt: new Date().toISOString(),
    payload: {
      orderId: order.id,
      reason: 'Customer left',
      staffId: org.cashier.id,
      approvedBy: org.manager.id,
      voidedAt: new Date().toISOString(),
      ...changes,
    },
  });
  const refundEntry = (
    order: OrderSnapshot,
    amount: number,
    changes: object = {},
  ) => ({
    id: uuidv7(),
    kind: 'order.refunded',
    createdAt: new Date().toISOString(),
    payload: {
      orderId: order.id,
      refundId: uuidv7(),
      amount,
      method: 'cash',
      reason: 'Cold food',
      staffId: org.cashier.id,
      approvedBy: org.manager.id,
      refundedAt: `${businessDate}T18:00:00.000Z`,
      ...changes,
    },
  });
  const soldOutEntry = (payload: object) => ({
    id: uuidv7(),
    kind: 'availability.changed',
    createdAt: new Date().toISOString(),
    payload: {
      sku: 'TACO-ASADA',
      target: 'item',
      soldOut: true,
      changedAt: new Date().toISOString(),
      staffId: org.cashier.id,
      ...payload,
    },
  });
  const statusOf = (results: PushEntryResult[]) =>
    results.map((result) => result.status);
  const report = (date = businessDate) =>
    test.ok<DailyReport>(
      'query',
      'reports.daily',
      { truckId: org.truck.truckId, date },
      org.ownerToken,
    );

  beforeAll(async () => {
    test = await startTestServer(kind);
    org = await createTestOrganization(test, 'Adjusted tacos');
    other = await createTestOrganization(test, 'Other tacos');
  });
  afterAll(() => test?.close());

  it('void in the same batch as its order', async () => {
    const order = tacoOrder();
    const entry = voidEntry(order);
    const results = await push([orderEntry(order), entry]);

    expect(statusOf(results)).toEqual(['stored', 'stored']);
    expect(statusOf(await push([entry]))).toEqual(['duplicate']);

    const again = await push([voidEntry(order)]);
    expect(again[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'CONFLICT', field: 'payload.orderId' },
    });
  });

  it('void needs a manager or owner approval', async () => {
    const order = tacoOrder();
    await push([orderEntry(order)]);
    // A push records when the device was last seen, so devices may change.
    const before = await databaseDigest(test, ['devices']);
    const [byCashier, byForeigner] = await push([
      voidEntry(order, { approvedBy: org.cashier.id }),
      voidEntry(order, { approvedBy: other.manager.id }),
    ]);

    expect(byCashier).toMatchObject({
      status: 'rejected',
      error: { code: 'FORBIDDEN', field: 'payload.approvedBy' },
    });
    expect(byForeigner).toMatchObject({
      status: 'rejected',
      error: { code: 'NOT_FOUND', field: 'payload.approvedBy' },
    });
    expect(await databaseDigest(test, ['devices'])).toBe(before);
  });

  it("device cannot void another truck's order", async () => {
    const order = tacoOrder();
    await push([orderEntry(order)], other.truck.deviceToken);
    const [result] = await push([voidEntry(order)]);

    expect(result).toMatchObject({
      status: 'rejected',
      error: { code: 'NOT_FOUND', field: 'payload.orderId' },
    });
  });

  it('refunds stop at the order total', async () => {
    const order = tacoOrder();
    const total = order.totals.total;
    const results = await push([
      orderEntry(order),
      refundEntry(order, total - 100),
      refundEntry(order, 101),
      refundEntry(order, 100),
    ]);

    expect(statusOf(results)).toEqual([
      'stored',
      'stored',
      'rejected',
      'stored',
    ]);
    expect(results[2]).toMatchObject({
      error: { code: 'BAD_REQUEST', field: 'payload.amount' },
    });
    const [voidAfterRefund] = await push([voidEntry(order)]);
    expect(voidAfterRefund).toMatchObject({ status: 'rejected' });
  });

  it('refund id used twice is rejected', async () => {
    const order = tacoOrder();
    const first = refundEntry(order, 100);
    const reused = refundEntry(order, 50, {
      refundId: first.payload.refundId,
    });

    const results = await push([orderEntry(order), first, reused]);

    expect(statusOf(results)).toEqual(['stored', 'stored', 'rejected']);
    expect(results[2]).toEqual({
      id: reused.id,
      status: 'rejected',
      error: {
        code: 'CONFLICT',
        field: 'payload.refundId',
        message:
          `Refund id ${first.payload.refundId} is already used by another ` +
          'refund. The terminal must give each refund a new id. The entry ' +
          'was not stored.',
      },
    });
    // The rejected entry left no trace, so a corrected retry is stored.
    const corrected = {
      ...reused,
      payload: { ...reused.payload, refundId: uuidv7() },
    };
    expect(statusOf(await push([corrected]))).toEqual(['stored']);
  });

  it('database error is raised and records nothing', async () => {
    const order = tacoOrder();
    await push([orderEntry(order)]);
    const device: DevicePrincipal = {
      kind: 'device',
      deviceId: org.truck.deviceId,
      truckId: org.truck.truckId,
      organizationId: org.organizationId,
      slot: org.truck.slot,
    };
    // The push schema rules out a malformed staff id, so only a direct call
    // can make the staff lookup itself fail inside the transaction.
    const broken = voidEntry(order, { staffId: 'not-a-uuid' }) as LaterEntry;

    await expect(
      applyEntry(
        { db: test.server.database.db, changes: new InProcessChangeFeed() },
        device,
        broken,
      ),
    ).rejects.toMatchObject({
      cause: { message: 'invalid input syntax for type uuid: "not-a-uuid"' },
    });
    // The entry id was rolled back with the failed transaction, so the
    // corrected entry under the same id is stored, not a duplicate.
    const corrected = {
      ...broken,
      payload: { ...broken.payload, staffId: org.cashier.id },
    };
    expect(statusOf(await push([corrected]))).toEqual(['stored']);
  });

  it('refund approved by a cashier is rejected', async () => {
    const order = tacoOrder();
    const refund = refundEntry(order, 100, { approvedBy: org.cashier.id });

    const results = await push([orderEntry(order), refund]);

    expect(results[1]).toEqual({
      id: refund.id,
      status: 'rejected',
      error: {
        code: 'FORBIDDEN',
        field: 'payload.approvedBy',
        message:
          `${org.cashier.name} is a staff member; only a manager or an ` +
          'owner may approve a void or refund. The entry was not stored.',
      },
    });
  });

  it('refund of a voided order is rejected', async () => {
    const order = tacoOrder();
    const refund = refundEntry(order, 100);

    const results = await push([orderEntry(order), voidEntry(order), refund]);

    expect(statusOf(results)).toEqual(['stored', 'stored', 'rejected']);
    expect(results[2]).toEqual({
      id: refund.id,
      status: 'rejected',
      error: {
        code: 'CONFLICT',
        field: 'payload.orderId',
        message:
          `Order ${order.number} is voided, so there is nothing to refund. ` +
          'The entry was not stored.',
      },
    });
  });

  it('report counts voids apart and nets refunds', async () => {
    const date = '2026-03-20';
    const kept = { ...tacoOrder(), businessDate: date };
    const voided = { ...tacoOrder(), businessDate: date };
    const refund = refundEntry(kept, 250, {
      refundedAt: `${date}T17:00:00.000Z`,
      method: 'card',
    });
    await push([
      orderEntry(kept),
      orderEntry(voided),
      voidEntry(voided),
      refund,
    ]);
    const daily = await report(date);

    expect(daily.orders).toBe(1);
    expect(daily.total).toBe(kept.totals.total);
    expect(daily.voids).toEqual({ orders: 1, total: voided.totals.total });
    expect(daily.refunds).toEqual({
      count: 1,
      total: 250,
      byTender: { cash: 0, card: 250, other: 0 },
    });
    expect(daily.net).toBe(kept.totals.total - 250);
  });

  it('sold-out marks: last writer wins, idempotent', async () => {
    const late = soldOutEntry({
      sku: 'TACO-POLLO',
      changedAt: '2026-03-14T18:00:00Z',
    });
    const early = soldOutEntry({
      sku: 'TACO-POLLO',
      soldOut: false,
      changedAt: '2026-03-14T17:00:00Z',
    });
    expect(statusOf(await push([late, early]))).toEqual(['stored', 'stored']);
    expect(statusOf(await push([late]))).toEqual(['duplicate']);

    const marks = await test.ok<AvailabilityState[]>(
      'query',
      'trucks.availability',
      { truckId: org.truck.truckId },
      org.ownerToken,
    );
    const pollo = marks.find((mark) => mark.sku === 'TACO-POLLO');
    expect(pollo?.soldOut).toBe(true);
    expect(pollo?.changedAt).toBe('2026-03-14T18:00:00.000Z');
    expect(pollo?.staffId).toBe(org.cashier.id);
  });

  it('sold-out mark clears at the next business day', async () => {
    await test.ok(
      'mutation',
      'trucks.update',
      { truckId: org.truck.truckId, businessDayCutoff: '04:00' },
      org.ownerToken,
    );
    // 02:00 in New York on 2026-03-15 is still business day 2026-03-14.
    const changedAt = '2026-03-15T06:00:00.000Z';
    await push([
      soldOutEntry({ sku: 'TODAY', changedAt }),
      soldOutEntry({ sku: 'DATED', changedAt, until: '2026-03-15' }),
      soldOutEntry({ sku: 'KEPT', changedAt, until: null }),
    ]);
    const activeAt = async (instant: string) => {
      test.advanceClock(Date.parse(instant) - Date.now());
      try {
        const marks = await test.ok<AvailabilityState[]>(
          'query',
          'trucks.availability',
          { truckId: org.truck.truckId },
          org.ownerToken,
        );
        return marks
          .filter(
            (mark) =>
              mark.active && ['TODAY', 'DATED', 'KEPT'].includes(mark.sku),
          )
          .map((mark) => mark.sku)
          .sort();
      } finally {
        test.advanceClock(Date.now() - Date.parse(instant));
      }
    };

    // 03:59 on 2026-03-15 local: still the 14th's business day.
    expect(await activeAt('2026-03-15T07:59:00.000Z')).toEqual([
      'DATED',
      'KEPT',
      'TODAY',
    ]);
    // 04:00 local: the 15th begins, so TODAY clears.
    expect(await activeAt('2026-03-15T08:00:00.000Z')).toEqual([
      'DATED',
      'KEPT',
    ]);
    expect(await activeAt('2026-03-16T08:00:00.000Z')).toEqual(['KEPT']);
  });

  it('owner marks reach the terminal pull', async () => {
    const { cursor } = await test.ok<PullOutput>(
      'query',
      'sync.pull',
      { cursor: '0' },
      org.truck.deviceToken,
    );
    const set = await test.ok<AvailabilityState>(
      'mutation',
      'trucks.setAvailability',
      {
        truckId: org.truck.truckId,
        sku: 'SALSA-VERDE',
        target: 'option',
        soldOut: true,
        until: null,
      },
      org.ownerToken,
    );
    const pulled = await test.ok<PullOutput>(
      'query',
      'sync.pull',
      { cursor },
      org.truck.deviceToken,
    );

    expect(set).toMatchObject({
      sku: 'SALSA-VERDE',
      active: true,
      staffId: null,
    });
    expect(
      pulled.availability?.find((mark) => mark.sku === 'SALSA-VERDE'),
    ).toEqual(set);
    expect(pulled.staff).toBeUndefined();
  });

  it('mark by unknown staff is rejected', async () => {
    const [result] = await push([soldOutEntry({ staffId: other.cashier.id })]);

    expect(result).toMatchObject({
      status: 'rejected',
      error: { code: 'NOT_FOUND', field: 'payload.staffId' },
    });
  });

  it('order with takenBy syncs, without it too', async () => {
    const withStaff = {
      ...tacoOrder(),
      takenBy: { staffId: org.cashier.id, name: 'Adjusted tacos cashier' },
    };
    const results = await push([
      orderEntry(withStaff),
      orderEntry(tacoOrder()),
    ]);

    expect(statusOf(results)).toEqual(['stored', 'stored']);
  });
});
