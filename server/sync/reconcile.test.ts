import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  digestText,
  type ReconcileInput,
  type ReconcileOutput,
} from '../../shared/reconciliation.js';
import type { OrderSnapshot, PushOutput } from '../../shared/sync.js';
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
  type TestServer,
} from '../testing/test-server.js';

const tacoMenu = fixtureMenu('taco-truck');
const businessDate = '2026-05-04';

function digestOf(orders: OrderSnapshot[]): string {
  return createHash('sha256')
    .update(digestText(orders.map((order) => order.id)))
    .digest('hex');
}

/** Builds the input of a terminal whose day contains exactly `orders`. */
function terminalView(orders: OrderSnapshot[]): ReconcileInput {
  return {
    businessDate,
    count: orders.length,
    total: orders.reduce((sum, order) => sum + order.totals.total, 0),
    digest: digestOf(orders),
  };
}

describe.each(storeKinds)('sync.reconcile on %s', (kind) => {
  let test: TestServer;
  let org: TestOrganization;
  let stored: OrderSnapshot[];

  const reconcile = (input: ReconcileInput, token = org.truck.deviceToken) =>
    test.ok<ReconcileOutput>('query', 'sync.reconcile', input, token);
  const pushOrders = async (orders: OrderSnapshot[], token: string) => {
    const { results } = await test.ok<PushOutput>(
      'mutation',
      'sync.push',
      { entries: orders.map(orderEntry) },
      token,
    );
    expect(results.map((result) => result.status)).toEqual(
      orders.map(() => 'stored'),
    );
  };

  beforeAll(async () => {
    test = await startTestServer(kind);
    org = await createTestOrganization(test, 'Reconciled tacos');
    const inputs = validFixtureInputs('taco-truck').slice(0, 3);
    stored = inputs.map((input, position) =>
      buildOrderSnapshot(tacoMenu, input, {
        number: position + 1,
        businessDate,
      }),
    );
    const otherDay = buildOrderSnapshot(tacoMenu, inputs[0], {
      number: 4,
      businessDate: '2026-05-05',
    });
    await pushOrders([...stored, otherDay], org.truck.deviceToken);

    // A device of another truck pushes an order on the same day, which
    // must not count against this device.
    const otherTruck = await createPairedTruck(test, org.ownerToken, {
      name: 'Second taco truck',
      timezone: 'America/New_York',
    });
    const foreign = buildOrderSnapshot(tacoMenu, inputs[1], {
      number: 1,
      businessDate,
    });
    await pushOrders([foreign], otherTruck.deviceToken);
  });
  afterAll(() => test?.close());

  it('matching day returns no order list', async () => {
    const input = terminalView(stored);

    expect(await reconcile(input)).toEqual({ ...input, matches: true });
  });

  it('terminal missing an order gets the server list', async () => {
    const server = terminalView(stored);
    const answer = await reconcile(terminalView(stored.slice(1)));

    expect(answer).toEqual({
      ...server,
      matches: false,
      orders: stored
        .map((order) => ({
          id: order.id,
          number: order.number,
          total: order.totals.total,
        }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    });
  });

  it.each([
    ['count', { count: 4 }],
    ['total', { total: 1 }],
  ])('same digest with another %s differs', async (_, change) => {
    const answer = await reconcile({ ...terminalView(stored), ...change });

    expect(answer.matches).toBe(false);
    expect(answer.count).toBe(stored.length);
    expect(answer.orders?.map((order) => order.id).sort()).toEqual(
      stored.map((order) => order.id).sort(),
    );
  });

  it('day without orders matches an empty terminal', async () => {
    const input = { ...terminalView([]), businessDate: '2026-05-10' };

    expect(await reconcile(input)).toEqual({ ...input, matches: true });
  });
});
