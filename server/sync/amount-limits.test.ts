import { createHash } from 'node:crypto';

import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { computeOrder } from '../../shared/money/index.js';
import {
  digestText,
  type ReconcileInput,
  type ReconcileOutput,
} from '../../shared/reconciliation.js';
import { summarizeDay, type DailyReport } from '../../shared/report.js';
import type { OrderSnapshot, PushOutput } from '../../shared/sync.js';
import type { ImportUnsyncedOrdersOutput } from '../../shared/unsynced-orders.js';
import { orders } from '../db/schema.js';
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
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';

const tacoMenu = fixtureMenu('taco-truck');
const [tacoInput] = validFixtureInputs('taco-truck');

function tacoOrder(number: number, businessDate: string): OrderSnapshot {
  return buildOrderSnapshot(tacoMenu, tacoInput, {
    number,
    businessDate,
  });
}

/**
 * Builds an order whose one line costs Number.MAX_SAFE_INTEGER and whose totals
 * add up, as a device with a stolen token or a faulty build could push.
 */
function oversizeOrder(number: number, businessDate: string): OrderSnapshot {
  const order = tacoOrder(number, businessDate);
  const price = Number.MAX_SAFE_INTEGER;
  const line = {
    ...order.lines[0]!,
    quantity: 1,
    basePrice: price,
    modifiers: [],
    unitPrice: price,
    gross: price,
    taxes: [],
  };
  const priced = computeOrder(
    { currency: order.currency, taxMode: order.taxMode },
    [line],
    { tender: { method: 'card' } },
  );
  return {
    ...order,
    lines: priced.lines,
    discount: null,
    tip: null,
    tender: { method: 'card' },
    totals: priced.totals,
    payment: {
      ...order.payment,
      method: 'card',
      amount: priced.totals.total,
      cashGiven: null,
      change: 0,
    },
  };
}

describe.each(storeKinds)('order amount limits on %s', (kind) => {
  let test: TestServer;
  let org: TestOrganization;

  const push = (snapshots: OrderSnapshot[]) =>
    test.ok<PushOutput>(
      'mutation',
      'sync.push',
      { entries: snapshots.map(orderEntry) },
      org.truck.deviceToken,
    );
  const storedCount = async (orderId: string) => {
    const [row] = await test.server.database.db
      .select({ value: count() })
      .from(orders)
      .where(eq(orders.id, orderId));
    return row!.value;
  };

  beforeAll(async () => {
    test = await startTestServer(kind);
    org = await createTestOrganization(test, 'Capped tacos');
  });
  afterAll(() => test?.close());

  it('push rejects only the oversize order', async () => {
    const date = '2026-06-01';
    const oversize = oversizeOrder(1, date);
    const normal = tacoOrder(2, date);
    const entries = [oversize, normal].map(orderEntry);

    const { results } = await test.ok<PushOutput>(
      'mutation',
      'sync.push',
      { entries },
      org.truck.deviceToken,
    );

    expect(oversize.totals.total).toBe(Number.MAX_SAFE_INTEGER);
    expect(results).toEqual([
      {
        id: entries[0]!.id,
        status: 'rejected',
        error: expectedRejection(oversize),
      },
      { id: entries[1]!.id, status: 'stored' },
    ]);
    expect(await storedCount(oversize.id)).toBe(0);
    expect(await storedCount(normal.id)).toBe(1);
  });

  it('reconcile and daily report still work', async () => {
    const date = '2026-06-02';
    const first = tacoOrder(1, date);
    const oversize = oversizeOrder(2, date);
    const next = tacoOrder(3, date);
    const pushed = await push([first, oversize]);
    // The next ordinary order is the one that used to carry the day's sum
    // past the safe integer range.
    const after = await push([next]);

    expect(pushed.results.map((result) => result.status)).toEqual([
      'stored',
      'rejected',
    ]);
    expect(after.results.map((result) => result.status)).toEqual(['stored']);

    const day = [first, next];
    const input: ReconcileInput = {
      businessDate: date,
      count: day.length,
      total: day.reduce((sum, order) => sum + order.totals.total, 0),
      digest: createHash('sha256')
        .update(digestText(day.map((order) => order.id)))
        .digest('hex'),
    };
    const reconciled = await test.ok<ReconcileOutput>(
      'query',
      'sync.reconcile',
      input,
      org.truck.deviceToken,
    );
    const report = await test.ok<DailyReport>(
      'query',
      'reports.daily',
      { truckId: org.truck.truckId, date },
      org.ownerToken,
    );

    expect(reconciled).toEqual({ ...input, matches: true });
    expect(report).toEqual(
      summarizeDay(
        date,
        day.map((order) => ({
          currency: order.currency,
          tenderMethod: order.tender.method,
          totals: order.totals,
        })),
      ),
    );
  });

  it('support import rejects oversize order', async () => {
    const date = '2026-06-03';
    const oversize = oversizeOrder(1, date);
    const normal = tacoOrder(2, date);
    const entries = [oversize, normal].map(orderEntry);

    const output = await test.ok<ImportUnsyncedOrdersOutput>(
      'mutation',
      'support.importUnsyncedOrders',
      {
        format: 'galley.unsynced-orders.v1',
        exportedAt: '2026-06-03T20:00:00.000Z',
        deviceId: org.truck.deviceId,
        truckId: org.truck.truckId,
        entries,
      },
      org.ownerToken,
    );

    const { code, message } = expectedRejection(oversize);
    expect(output).toEqual({
      deviceId: org.truck.deviceId,
      stored: 1,
      duplicate: 0,
      rejected: [{ id: entries[0]!.id, code, message }],
    });
    expect(await storedCount(oversize.id)).toBe(0);
    expect(await storedCount(normal.id)).toBe(1);
  });
});

function expectedRejection(order: OrderSnapshot) {
  const line = order.lines[0]!;
  return {
    code: 'BAD_REQUEST',
    field: 'payload.lines.0.basePrice',
    message:
      `Line 1 (${line.sku}) has base price 9007199254740991, but a menu ` +
      'item costs from 0 to 100000000 minor units. The entry was not stored.',
  };
}
