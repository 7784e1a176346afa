import { and, asc, eq } from 'drizzle-orm';

import type { OrderTotals, TenderMethod } from '../../shared/order.js';
import { summarizeDay, type DailyReport } from '../../shared/report.js';
import type { Database } from '../db/connection.js';
import { orderRefunds, orders, orderVoids } from '../db/schema.js';

export interface StoredOrderSummary {
  id: string;
  number: number;
  createdAt: string;
  currency: string;
  tenderMethod: TenderMethod;
  totals: OrderTotals;
  voided: boolean;
}

/**
 * Loads a truck's orders of one business date (as the terminal stamped it),
 * in the order the server stored them.
 */
export async function listOrdersOfDay(
  db: Database,
  truckId: string,
  date: string,
): Promise<StoredOrderSummary[]> {
  const rows = await db
    .select({ order: orders, voidedOrderId: orderVoids.orderId })
    .from(orders)
    .leftJoin(orderVoids, eq(orderVoids.orderId, orders.id))
    .where(and(eq(orders.truckId, truckId), eq(orders.businessDate, date)))
    .orderBy(asc(orders.serverSeq));

  return rows.map(({ order, voidedOrderId }) => ({
    id: order.id,
    number: order.number,
    createdAt: order.createdAt.toISOString(),
    currency: order.currency,
    tenderMethod: order.tenderMethod,
    totals: totalsOf(order),
    voided: voidedOrderId !== null,
  }));
}

export function totalsOf(order: typeof orders.$inferSelect): OrderTotals {
  return {
    subtotal: order.subtotal,
    discount: order.discount,
    tax: order.tax,
    taxByRate: order.taxByRate,
    tip: order.tip,
    rounding: order.rounding,
    total: order.total,
    change: order.change,
  };
}

/** The daily report, computed by the same function the terminal uses. */
export async function dailyReport(
  db: Database,
  truckId: string,
  date: string,
): Promise<DailyReport> {
  const refunds = await db
    .select({ amount: orderRefunds.amount, method: orderRefunds.method })
    .from(orderRefunds)
    .where(
      and(
        eq(orderRefunds.truckId, truckId),
        eq(orderRefunds.businessDate, date),
      ),
    );
  return summarizeDay(date, await listOrdersOfDay(db, truckId, date), refunds);
}
