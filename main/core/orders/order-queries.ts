import { and, desc, eq, not, sql } from 'drizzle-orm';

import type {
  OrderSummary,
  OrderSyncState,
} from '../../../shared/local-api.js';
import type { OrderTotals } from '../../../shared/order.js';
import { summarizeDay, type DailyReport } from '../../../shared/report.js';
import type { TerminalDb } from '../db/open-database.js';
import {
  orderLines,
  orderRefunds,
  orderVoids,
  orders,
  outbox,
} from '../db/schema.js';
import { orderCreatedKind } from './order-service.js';

const syncStateByOutboxState: Record<string, OrderSyncState> = {
  pending: 'pending',
  acked: 'synced',
  rejected: 'rejected',
  dismissed: 'dismissed',
};

/** Orders of one business date, newest first, with their sync state. */
export function listOrders(
  db: TerminalDb,
  businessDate: string,
): OrderSummary[] {
  const itemCount = sql<number>`(SELECT coalesce(sum(${orderLines.quantity}), 0)
    FROM ${orderLines} WHERE ${orderLines.orderId} = ${orders.id})`;

  const refundedTotal = sql<number>`(SELECT coalesce(sum(${orderRefunds.amount}), 0)
    FROM ${orderRefunds} WHERE ${orderRefunds.orderId} = ${orders.id})`;

  const rows = db
    .select({
      order: orders,
      itemCount,
      refundedTotal,
      voidedAt: orderVoids.voidedAt,
      outboxState: outbox.state,
      outboxError: outbox.lastErrorMessage,
    })
    .from(orders)
    .leftJoin(
      outbox,
      and(eq(outbox.entityId, orders.id), eq(outbox.kind, orderCreatedKind)),
    )
    .leftJoin(orderVoids, eq(orderVoids.orderId, orders.id))
    .where(eq(orders.businessDate, businessDate))
    .orderBy(desc(orders.createdAt), desc(orders.terminalSequence))
    .all();

  return rows.map((row) => {
    const { order, outboxState, outboxError } = row;
    const syncState = syncStateByOutboxState[outboxState ?? 'pending']!;
    return {
      id: order.id,
      number: order.number,
      createdAt: order.createdAt,
      businessDate: order.businessDate,
      currency: order.currency,
      tenderMethod: order.tenderMethod,
      itemCount: Number(row.itemCount),
      totals: totalsOf(order),
      syncState,
      syncError:
        syncState === 'rejected' || syncState === 'dismissed'
          ? outboxError
          : null,
      takenBy:
        order.takenByStaffId && order.takenByName
          ? { staffId: order.takenByStaffId, name: order.takenByName }
          : null,
      voided: row.voidedAt !== null,
      voidedAt: row.voidedAt,
      refundedTotal: Number(row.refundedTotal),
    };
  });
}

/**
 * Computes the daily report over this terminal's orders of one business
 * date. Refunds count on the business date they were given, whatever the
 * date of their order. Orders a manager dismissed after the server
 * rejected them are left out with their refunds, as the server never
 * counts them.
 */
export function dailyReport(db: TerminalDb, businessDate: string): DailyReport {
  const dismissed = sql<boolean>`EXISTS (SELECT 1 FROM ${outbox}
    WHERE ${outbox.entityId} = ${orders.id}
      AND ${outbox.kind} = ${orderCreatedKind}
      AND ${outbox.state} = 'dismissed')`;
  const rows = db
    .select({ order: orders, voidedAt: orderVoids.voidedAt })
    .from(orders)
    .leftJoin(orderVoids, eq(orderVoids.orderId, orders.id))
    .where(and(eq(orders.businessDate, businessDate), not(dismissed)))
    .orderBy(orders.createdAt)
    .all();
  const refundOfDismissed = sql<boolean>`EXISTS (SELECT 1 FROM ${outbox}
    WHERE ${outbox.entityId} = ${orderRefunds.orderId}
      AND ${outbox.kind} = ${orderCreatedKind}
      AND ${outbox.state} = 'dismissed')`;
  const refunds = db
    .select({ amount: orderRefunds.amount, method: orderRefunds.method })
    .from(orderRefunds)
    .where(
      and(eq(orderRefunds.businessDate, businessDate), not(refundOfDismissed)),
    )
    .all();

  return summarizeDay(
    businessDate,
    rows.map(({ order, voidedAt }) => ({
      currency: order.currency,
      tenderMethod: order.tenderMethod,
      totals: totalsOf(order),
      voided: voidedAt !== null,
    })),
    refunds,
  );
}

function totalsOf(order: typeof orders.$inferSelect): OrderTotals {
  return {
    subtotal: order.subtotal,
    discount: order.discount,
    tax: order.tax,
    taxByRate: JSON.parse(order.taxByRateJson) as Record<string, number>,
    tip: order.tip,
    rounding: order.rounding,
    total: order.total,
    change: order.change,
  };
}
