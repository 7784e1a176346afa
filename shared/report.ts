import { z } from 'zod';

import type { OrderTotals, TenderMethod } from './order.js';

/**
 * The daily report both the terminal and the server compute, with this one
 * function, from the same orders, so that the two agree to the minor unit.
 *
 * Voided orders count apart: they are left out of `orders` and every sum
 * from `subtotal` to `byTender`, and counted in `voids`. Refunds are money
 * given back on the day they were given: `net` is `total` minus
 * `refunds.total`. With no voids and no refunds, every field but the three
 * new ones is what it was before voids existed, and `net` equals `total`.
 */
const tenderAmountsSchema = z.object({
  cash: z.number().int(),
  card: z.number().int(),
  other: z.number().int(),
});

export const salesTotalsSchema = z.object({
  currency: z.string().nullable(),
  orders: z.number().int(),
  subtotal: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  taxByRate: z.record(z.string(), z.number().int()),
  tip: z.number().int(),
  rounding: z.number().int(),
  total: z.number().int(),
  byTender: tenderAmountsSchema,
  voids: z.object({ orders: z.number().int(), total: z.number().int() }),
  refunds: z.object({
    count: z.number().int(),
    total: z.number().int(),
    byTender: tenderAmountsSchema,
  }),
  net: z.number().int(),
});

export type SalesTotals = z.infer<typeof salesTotalsSchema>;

export const dailyReportSchema = salesTotalsSchema.extend({
  date: z.iso.date(),
});

export type DailyReport = z.infer<typeof dailyReportSchema>;

export interface ReportableOrder {
  currency: string;
  tenderMethod: TenderMethod;
  totals: OrderTotals;
  /** True once the order is voided. Absent means not voided. */
  voided?: boolean;
}

export interface ReportableRefund {
  amount: number;
  method: TenderMethod;
}

/** Sums orders and refunds. The one implementation of every report sum. */
export function summarizeOrders(
  orders: Iterable<ReportableOrder>,
  refunds: Iterable<ReportableRefund> = [],
): SalesTotals {
  const totals: SalesTotals = {
    currency: null,
    orders: 0,
    subtotal: 0,
    discount: 0,
    tax: 0,
    taxByRate: {},
    tip: 0,
    rounding: 0,
    total: 0,
    byTender: { cash: 0, card: 0, other: 0 },
    voids: { orders: 0, total: 0 },
    refunds: { count: 0, total: 0, byTender: { cash: 0, card: 0, other: 0 } },
    net: 0,
  };

  for (const order of orders) {
    totals.currency ??= order.currency;
    if (order.voided) {
      totals.voids.orders += 1;
      totals.voids.total += order.totals.total;
      continue;
    }
    addOrder(totals, order);
  }

  for (const refund of refunds) {
    totals.refunds.count += 1;
    totals.refunds.total += refund.amount;
    totals.refunds.byTender[refund.method] += refund.amount;
  }

  totals.net = totals.total - totals.refunds.total;
  totals.taxByRate = Object.fromEntries(
    Object.entries(totals.taxByRate).sort(([a], [b]) => a.localeCompare(b)),
  );
  return totals;
}

export function summarizeDay(
  date: string,
  orders: Iterable<ReportableOrder>,
  refunds: Iterable<ReportableRefund> = [],
): DailyReport {
  return { date, ...summarizeOrders(orders, refunds) };
}

function addOrder(totals: SalesTotals, order: ReportableOrder): void {
  const { totals: amounts } = order;
  totals.orders += 1;
  totals.subtotal += amounts.subtotal;
  totals.discount += amounts.discount;
  totals.tax += amounts.tax;
  totals.tip += amounts.tip;
  totals.rounding += amounts.rounding;
  totals.total += amounts.total;
  totals.byTender[order.tenderMethod] += amounts.total;
  for (const [rateId, amount] of Object.entries(amounts.taxByRate)) {
    totals.taxByRate[rateId] = (totals.taxByRate[rateId] ?? 0) + amount;
  }
}
