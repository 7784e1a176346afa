import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';

import { summarizeOrders } from '../../shared/report.js';
import type { SalesReport } from '../../shared/sales-report.js';
import type { OrderSnapshot } from '../../shared/sync.js';
import {
  createTestOrganization,
  type TestOrganization,
} from '../testing/organization-fixture.js';
import {
  buildOrderSnapshot,
  fixtureMenu,
  orderEntry,
  validFixtureInputs,
} from '../testing/order-snapshots.js';
import {
  createPairedTruck,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';

const tacoMenu = fixtureMenu('taco-truck');
const [hongos, water, burrito] = validFixtureInputs('taco-truck');

function order(
  input: unknown,
  number: number,
  businessDate: string,
  createdAt: string,
): OrderSnapshot {
  return {
    ...buildOrderSnapshot(tacoMenu, input, { number, businessDate }),
    createdAt,
  };
}

describe.each(storeKinds)('owner sales report on %s', (kind) => {
  let test: TestServer;
  let org: TestOrganization;
  let chicago: PairedTruck;
  const orders: { truck: 'ny' | 'chicago'; snapshot: OrderSnapshot }[] = [];

  const sales = (input: object) =>
    test.ok<SalesReport>('query', 'reports.sales', input, org.ownerToken);
  const push = (token: string, entries: unknown[]) =>
    test.ok('mutation', 'sync.push', { entries }, token);

  beforeAll(async () => {
    test = await startTestServer(kind);
    org = await createTestOrganization(test, 'Report tacos');
    chicago = await createPairedTruck(test, org.ownerToken, {
      name: 'Chicago',
      timezone: 'America/Chicago',
    });

    // 17:30Z is 13:30 in New York and 12:30 in Chicago (daylight time).
    const ny1 = order(hongos, 1, '2026-03-14', '2026-03-14T17:30:00.000Z');
    const ny2 = order(water, 2, '2026-03-15', '2026-03-15T23:10:00.000Z');
    const ny3 = order(burrito, 3, '2026-03-15', '2026-03-15T23:20:00.000Z');
    const ch1 = order(burrito, 1, '2026-03-14', '2026-03-14T17:30:00.000Z');
    orders.push(
      { truck: 'ny', snapshot: ny1 },
      { truck: 'ny', snapshot: ny2 },
      { truck: 'ny', snapshot: ny3 },
      { truck: 'chicago', snapshot: ch1 },
    );
    const staff = { staffId: org.cashier.id, approvedBy: org.manager.id };
    await push(org.truck.deviceToken, [
      orderEntry(ny1),
      orderEntry(ny2),
      orderEntry(ny3),
      {
        id: uuidv7(),
        kind: 'order.voided',
        createdAt: new Date().toISOString(),
        payload: {
          orderId: ny3.id,
          reason: 'Test',
          voidedAt: ny3.createdAt,
          ...staff,
        },
      },
      {
        id: uuidv7(),
        kind: 'order.refunded',
        createdAt: new Date().toISOString(),
        payload: {
          orderId: ny1.id,
          refundId: uuidv7(),
          amount: 100,
          method: 'cash',
          reason: 'Test',
          refundedAt: '2026-03-15T18:00:00.000Z',
          ...staff,
        },
      },
    ]);
    await push(chicago.deviceToken, [orderEntry(ch1)]);
  });
  afterAll(() => test?.close());

  it('sums across trucks with one implementation', async () => {
    const report = await sales({ from: '2026-03-14', to: '2026-03-15' });
    const snapshots = orders.map(({ snapshot }) => ({
      currency: snapshot.currency,
      tenderMethod: snapshot.tender.method,
      totals: snapshot.totals,
      voided: snapshot.number === 3 && snapshot.businessDate === '2026-03-15',
    }));

    expect(report.currency).toBe('USD');
    expect(report.total).toEqual(
      summarizeOrders(snapshots, [{ amount: 100, method: 'cash' }]),
    );
    expect(report.total.orders).toBe(3);
    expect(report.total.voids.orders).toBe(1);
    expect(report.total.net).toBe(report.total.total - 100);
  });

  it('splits by truck and business date', async () => {
    const report = await sales({ from: '2026-03-14', to: '2026-03-15' });
    const ny = report.trucks.find(
      (truck) => truck.truckId === org.truck.truckId,
    )!;
    const ch = report.trucks.find(
      (truck) => truck.truckId === chicago.truckId,
    )!;

    expect(
      ny.days.map((day) => [day.date, day.orders, day.refunds.total]),
    ).toEqual([
      ['2026-03-14', 1, 0],
      ['2026-03-15', 1, 100],
    ]);
    expect(ch.days.map((day) => [day.date, day.orders])).toEqual([
      ['2026-03-14', 1],
    ]);
    expect(report.days.map((day) => [day.date, day.orders])).toEqual([
      ['2026-03-14', 2],
      ['2026-03-15', 1],
    ]);
  });

  it('groups by local hour and by item', async () => {
    const report = await sales({ from: '2026-03-14', to: '2026-03-15' });
    const busy = report.byHour
      .filter(
        (hour) =>
          hour.orders > 0 || hour.voids.orders > 0 || hour.refunds.count > 0,
      )
      .map((hour) => [
        hour.hour,
        hour.orders,
        hour.voids.orders,
        hour.refunds.count,
      ]);

    expect(report.byHour).toHaveLength(24);
    // 13:30 NY and 12:30 Chicago orders; 19:10 NY water; 19:20 NY void;
    // the refund at 18:00Z is 14:00 in New York.
    expect(busy).toEqual([
      [12, 1, 0, 0],
      [13, 1, 0, 0],
      [14, 0, 0, 1],
      [19, 1, 1, 0],
    ]);
    const burritoLine = orders[3]!.snapshot.lines[0]!;
    expect(report.byItem.find((item) => item.sku === 'BURRITO-ASADA')).toEqual({
      sku: 'BURRITO-ASADA',
      name: burritoLine.name,
      quantity: burritoLine.quantity,
      gross: burritoLine.gross,
      discount: burritoLine.discount,
      net: burritoLine.net,
    });
  });

  it('exports the days view as CSV', async () => {
    const exported = await test.ok<{ content: string; fileName: string }>(
      'query',
      'reports.exportCsv',
      { truckIds: [chicago.truckId], from: '2026-03-14', to: '2026-03-14' },
      org.ownerToken,
    );
    const [header, row, end] = exported.content.split('\r\n');
    const total = orders[3]!.snapshot.totals.total;

    expect(exported.fileName).toBe('sales-days-2026-03-14-to-2026-03-14.csv');
    expect(header).toBe(
      'date,truck_id,truck,currency,orders,subtotal,discount,tax,tip,' +
        'rounding,total,cash,card,other,voided_orders,voided_total,refunds,' +
        'refunded,net',
    );
    expect(row!.split(',').slice(0, 5)).toEqual([
      '2026-03-14',
      chicago.truckId,
      'Chicago',
      'USD',
      '1',
    ]);
    expect(row!.split(',')[10]).toBe((total / 100).toFixed(2));
    expect(end).toBe('');
  });

  it('rejects mixed currencies and bad ranges', async () => {
    const kebab = await createPairedTruck(test, org.ownerToken, {
      name: 'London',
      timezone: 'Europe/London',
    });
    const pound = buildOrderSnapshot(
      fixtureMenu('kebab-van'),
      validFixtureInputs('kebab-van')[0],
      { number: 1, businessDate: '2026-03-14' },
    );
    await push(kebab.deviceToken, [orderEntry(pound)]);

    const mixed = await test.query(
      'reports.sales',
      { from: '2026-03-14', to: '2026-03-14' },
      org.ownerToken,
    );
    const backwards = await test.query(
      'reports.sales',
      { from: '2026-03-15', to: '2026-03-14' },
      org.ownerToken,
    );
    const tooLong = await test.query(
      'reports.sales',
      { from: '2025-01-01', to: '2026-03-14' },
      org.ownerToken,
    );

    expect(mixed.status).toBe(400);
    expect(mixed.body.error?.data.field).toBe('truckIds');
    expect(mixed.body.error?.message).toContain('USD and GBP');
    expect(backwards.body.error?.data.field).toBe('from');
    expect(tooLong.body.error?.data.field).toBe('to');
  });
});
