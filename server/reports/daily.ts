import { and, asc, eq } from 'drizzle-orm';

import type { OrderTotals, TenderMethod } from '../../shared/order.js';
import { summarizeDay, type DailyReport } from '../../shared/report.js';
import type { Database } from '../db/connection.js';
import { orders } from '../db/schema.js';

export interface StoredOrderSummary {
  id: string;
  number: number;
  createdAt: string;
  currency: string;
  tenderMethod: TenderMethod;
  totals: OrderTotals;
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
    .select()
    .from(orders)
    .where(and(eq(orders.truckId, truckId), eq(orders.businessDate, date)))
    .orderBy(asc(orders.serverSeq));

  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    currency: row.currency,
    tenderMethod: row.tenderMethod,
    totals: {
      subtotal: row.subtotal,
      discount: row.discount,
      tax: row.tax,
      taxByRate: row.taxByRate,
      tip: row.tip,
      rounding: row.rounding,
      total: row.total,
      change: row.change,
    },
  }));
}

/** The daily report, computed by the same function the terminal uses. */
export async function dailyReport(
  db: Database,
  truckId: string,
  date: string,
): Promise<DailyReport> {
  return summarizeDay(date, await listOrdersOfDay(db, truckId, date));
}
