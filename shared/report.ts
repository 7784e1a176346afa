import { z } from 'zod';

import type { OrderTotals, TenderMethod } from './order.js';

/**
 * The daily report both the terminal and the server compute, with this one
 * function, from the same orders, so that the two agree to the minor unit.
 */
export const dailyReportSchema = z.object({
  date: z.iso.date(),
  currency: z.string().nullable(),
  orders: z.number().int(),
  subtotal: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  taxByRate: z.record(z.string(), z.number().int()),
  tip: z.number().int(),
  rounding: z.number().int(),
  total: z.number().int(),
  byTender: z.object({
    cash: z.number().int(),
    card: z.number().int(),
    other: z.number().int(),
  }),
});

export type DailyReport = z.infer<typeof dailyReportSchema>;

export interface ReportableOrder {
  currency: string;
  tenderMethod: TenderMethod;
  totals: OrderTotals;
}

export function summarizeDay(
  date: string,
  orders: Iterable<ReportableOrder>,
): DailyReport {
  const report: DailyReport = {
    date,
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
  };

  for (const order of orders) {
    const { totals } = order;
    report.currency ??= order.currency;
    report.orders += 1;
    report.subtotal += totals.subtotal;
    report.discount += totals.discount;
    report.tax += totals.tax;
    report.tip += totals.tip;
    report.rounding += totals.rounding;
    report.total += totals.total;
    report.byTender[order.tenderMethod] += totals.total;
    for (const [rateId, amount] of Object.entries(totals.taxByRate)) {
      report.taxByRate[rateId] = (report.taxByRate[rateId] ?? 0) + amount;
    }
  }

  report.taxByRate = Object.fromEntries(
    Object.entries(report.taxByRate).sort(([a], [b]) => a.localeCompare(b)),
  );
  return report;
}
