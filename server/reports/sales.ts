import { and, asc, between, eq, inArray } from 'drizzle-orm';

import { addDays, localHourOf } from '../../shared/business-day.js';
import { GalleyError } from '../../shared/errors.js';
import {
  summarizeBy,
  summarizeByHour,
  summarizeByItem,
  type SalesOrder,
  type SalesRefund,
  type SalesReport,
} from '../../shared/sales-report.js';
import { summarizeOrders } from '../../shared/report.js';
import type { Database } from '../db/connection.js';
import {
  orderLines,
  orderRefunds,
  orders,
  orderVoids,
  trucks,
} from '../db/schema.js';
import { totalsOf } from './daily.js';

export const maxReportDays = 366;

type ReportTruck = Pick<typeof trucks.$inferSelect, 'id' | 'name' | 'timezone'>;

/**
 * Builds the owner's sales report over business dates `from` to `to` (inclusive)
 * for the given trucks of the organisation, or all of them.
 */
export async function salesReport(
  db: Database,
  params: {
    organizationId: string;
    truckIds?: string[] | undefined;
    from: string;
    to: string;
  },
): Promise<SalesReport> {
  const { from, to } = params;
  checkRange(from, to);
  const selected = await loadTrucks(db, params.organizationId, params.truckIds);
  const { salesOrders, salesRefunds } = await loadSales(db, selected, from, to);
  const currency = singleCurrency(salesOrders, selected);

  const days = (truckOrders: SalesOrder[], truckRefunds: SalesRefund[]) =>
    [
      ...summarizeBy(truckOrders, truckRefunds, (entry) => entry.businessDate),
    ].map(([date, totals]) => ({ date, ...totals }));

  return {
    from,
    to,
    currency,
    total: summarizeOrders(salesOrders, salesRefunds),
    trucks: selected.map((truck) => {
      const truckOrders = salesOrders.filter((o) => o.truckId === truck.id);
      const truckRefunds = salesRefunds.filter((r) => r.truckId === truck.id);
      return {
        truckId: truck.id,
        name: truck.name,
        total: summarizeOrders(truckOrders, truckRefunds),
        days: days(truckOrders, truckRefunds),
      };
    }),
    days: days(salesOrders, salesRefunds),
    byHour: summarizeByHour(salesOrders, salesRefunds),
    byItem: summarizeByItem(salesOrders),
  };
}

function checkRange(from: string, to: string): void {
  if (from > to) {
    throw new GalleyError(
      'BAD_REQUEST',
      `The range starts on ${from}, after its end ${to}. Swap the dates.`,
      { field: 'from' },
    );
  }
  if (addDays(from, maxReportDays - 1) < to) {
    throw new GalleyError(
      'BAD_REQUEST',
      `The range ${from} to ${to} is longer than ${maxReportDays} days. ` +
        'Report a shorter range.',
      { field: 'to' },
    );
  }
}

async function loadTrucks(
  db: Database,
  organizationId: string,
  truckIds: string[] | undefined,
): Promise<ReportTruck[]> {
  const rows = await db
    .select({ id: trucks.id, name: trucks.name, timezone: trucks.timezone })
    .from(trucks)
    .where(
      and(
        eq(trucks.organizationId, organizationId),
        truckIds ? inArray(trucks.id, truckIds) : undefined,
      ),
    )
    .orderBy(asc(trucks.createdAt), asc(trucks.id));

  for (const [index, truckId] of (truckIds ?? []).entries()) {
    if (!rows.some((row) => row.id === truckId)) {
      throw new GalleyError(
        'NOT_FOUND',
        `Truck ${truckId} was not found. List your trucks to get its id.`,
        { field: `truckIds.${index}` },
      );
    }
  }
  return rows;
}

async function loadSales(
  db: Database,
  selected: ReportTruck[],
  from: string,
  to: string,
): Promise<{ salesOrders: SalesOrder[]; salesRefunds: SalesRefund[] }> {
  if (selected.length === 0) return { salesOrders: [], salesRefunds: [] };
  const zoneOf = new Map(selected.map((truck) => [truck.id, truck.timezone]));
  const truckIds = [...zoneOf.keys()];

  const orderRows = await db
    .select({ order: orders, voidedOrderId: orderVoids.orderId })
    .from(orders)
    .leftJoin(orderVoids, eq(orderVoids.orderId, orders.id))
    .where(
      and(
        inArray(orders.truckId, truckIds),
        between(orders.businessDate, from, to),
      ),
    )
    .orderBy(asc(orders.serverSeq));
  const lineRows =
    orderRows.length === 0
      ? []
      : await db
          .select()
          .from(orderLines)
          .innerJoin(orders, eq(orders.id, orderLines.orderId))
          .where(
            and(
              inArray(orders.truckId, truckIds),
              between(orders.businessDate, from, to),
            ),
          )
          .orderBy(asc(orderLines.orderId), asc(orderLines.position));
  const linesOf = new Map<string, SalesOrder['lines'][number][]>();
  for (const { order_lines: line } of lineRows) {
    const list = linesOf.get(line.orderId) ?? [];
    list.push(line);
    linesOf.set(line.orderId, list);
  }

  const salesOrders = orderRows.map(({ order, voidedOrderId }) => ({
    truckId: order.truckId,
    businessDate: order.businessDate,
    localHour: localHourOf(order.createdAt, zoneOf.get(order.truckId)!),
    currency: order.currency,
    tenderMethod: order.tenderMethod,
    totals: totalsOf(order),
    voided: voidedOrderId !== null,
    lines: linesOf.get(order.id) ?? [],
  }));

  const refundRows = await db
    .select()
    .from(orderRefunds)
    .where(
      and(
        inArray(orderRefunds.truckId, truckIds),
        between(orderRefunds.businessDate, from, to),
      ),
    );
  const salesRefunds = refundRows.map((refund) => ({
    truckId: refund.truckId,
    businessDate: refund.businessDate,
    localHour: localHourOf(refund.refundedAt, zoneOf.get(refund.truckId)!),
    amount: refund.amount,
    method: refund.method,
  }));
  return { salesOrders, salesRefunds };
}

/**
 * Sums across trucks make sense in one currency only, so a selection that
 * mixes currencies is rejected with the trucks to report apart.
 */
function singleCurrency(
  salesOrders: SalesOrder[],
  selected: ReportTruck[],
): string | null {
  const currencies = [...new Set(salesOrders.map((order) => order.currency))];
  if (currencies.length <= 1) return currencies[0] ?? null;

  const names = selected
    .map((truck) => {
      const sold = new Set(
        salesOrders
          .filter((order) => order.truckId === truck.id)
          .map((order) => order.currency),
      );
      return `${truck.name} (${[...sold].join(', ') || 'no sales'})`;
    })
    .join('; ');
  throw new GalleyError(
    'BAD_REQUEST',
    `The selected trucks sell in ${currencies.join(' and ')}: ${names}. ` +
      'Select trucks of one currency in truckIds.',
    { field: 'truckIds' },
  );
}
