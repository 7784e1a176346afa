import { z } from 'zod';

import {
  dailyReportSchema,
  salesTotalsSchema,
  summarizeOrders,
  type ReportableOrder,
  type ReportableRefund,
  type SalesTotals,
} from './report.js';

/**
 * The owner's sales report over trucks and dates, built from the same sums
 * as the daily report (summarizeOrders), so every view adds up alike.
 */

export interface SalesOrder extends ReportableOrder {
  truckId: string;
  businessDate: string;
  /** Hour of the order's creation in its truck's time zone, 0 to 23. */
  localHour: number;
  lines: readonly SalesLine[];
}

export interface SalesLine {
  sku: string;
  name: string;
  quantity: number;
  gross: number;
  discount: number;
  net: number;
}

export interface SalesRefund extends ReportableRefund {
  truckId: string;
  businessDate: string;
  localHour: number;
}

const hourSalesSchema = salesTotalsSchema.extend({
  hour: z.number().int().min(0).max(23),
});

export const itemSalesSchema = z.object({
  sku: z.string(),
  /** The name the item was last sold under. */
  name: z.string(),
  quantity: z.number().int(),
  gross: z.number().int(),
  discount: z.number().int(),
  net: z.number().int(),
});

export type ItemSales = z.infer<typeof itemSalesSchema>;

export const salesReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  currency: z.string().nullable(),
  /** All selected trucks and dates together. */
  total: salesTotalsSchema,
  trucks: z.array(
    z.object({
      truckId: z.uuid(),
      name: z.string(),
      total: salesTotalsSchema,
      /** One entry per business date that had orders or refunds. */
      days: z.array(dailyReportSchema),
    }),
  ),
  /** Every business date with activity, all selected trucks together. */
  days: z.array(dailyReportSchema),
  /** 24 entries, by hour of the truck's local time. */
  byHour: z.array(hourSalesSchema),
  /** Items of orders that were not voided, most sold first. */
  byItem: z.array(itemSalesSchema),
});

export type SalesReport = z.infer<typeof salesReportSchema>;

/** Groups orders and refunds by a key and sums each group. */
export function summarizeBy<Key extends string | number>(
  orders: readonly SalesOrder[],
  refunds: readonly SalesRefund[],
  keyOf: (entry: SalesOrder | SalesRefund) => Key,
): Map<Key, SalesTotals> {
  const keys = new Set<Key>([...orders.map(keyOf), ...refunds.map(keyOf)]);
  const result = new Map<Key, SalesTotals>();
  for (const key of [...keys].sort(compareKeys)) {
    result.set(
      key,
      summarizeOrders(
        orders.filter((order) => keyOf(order) === key),
        refunds.filter((refund) => keyOf(refund) === key),
      ),
    );
  }
  return result;
}

/** Sums each of the 24 hours, empty ones included, so a chart has a fixed axis. */
export function summarizeByHour(
  orders: readonly SalesOrder[],
  refunds: readonly SalesRefund[],
): z.infer<typeof hourSalesSchema>[] {
  const byHour = summarizeBy(orders, refunds, (entry) => entry.localHour);
  return Array.from({ length: 24 }, (_, hour) => ({
    hour,
    ...(byHour.get(hour) ?? summarizeOrders([], [])),
  }));
}

/** Sums the lines of orders that were not voided, by SKU. */
export function summarizeByItem(orders: readonly SalesOrder[]): ItemSales[] {
  const items = new Map<string, ItemSales>();
  for (const order of orders) {
    if (order.voided) continue;
    for (const line of order.lines) {
      const item = items.get(line.sku) ?? {
        sku: line.sku,
        name: line.name,
        quantity: 0,
        gross: 0,
        discount: 0,
        net: 0,
      };
      item.name = line.name;
      item.quantity += line.quantity;
      item.gross += line.gross;
      item.discount += line.discount;
      item.net += line.net;
      items.set(line.sku, item);
    }
  }
  return [...items.values()].sort(
    (a, b) => b.quantity - a.quantity || a.sku.localeCompare(b.sku),
  );
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
