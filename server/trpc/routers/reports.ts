import { z } from 'zod';

import { businessDateSchema } from '../../../shared/sync.js';
import { dailyReport, listOrdersOfDay } from '../../reports/daily.js';
import { salesReportToCsv, salesCsvViews } from '../../reports/sales-csv.js';
import { salesReport } from '../../reports/sales.js';
import { getOwnedTruck } from '../../trucks/trucks.js';
import { memberProcedure, ownerProcedure, router } from '../init.js';

const truckDayInput = z.object({
  truckId: z.uuid(),
  date: businessDateSchema,
});

const salesInput = z.object({
  truckIds: z.array(z.uuid()).min(1).max(100).optional(),
  from: businessDateSchema,
  to: businessDateSchema,
});

export const reportsRouter = router({
  /** Owners read any truck of their organisation, a device only its own. */
  daily: memberProcedure
    .input(truckDayInput)
    .query(({ ctx, input }) => dailyReport(ctx.db, input.truckId, input.date)),

  /** Sales by truck and day, across trucks, by local hour and by item. */
  sales: ownerProcedure.input(salesInput).query(({ ctx, input }) =>
    salesReport(ctx.db, {
      organizationId: ctx.owner.organizationId,
      ...input,
    }),
  ),

  /** One view of reports.sales as CSV text; see salesReportToCsv. */
  exportCsv: ownerProcedure
    .input(salesInput.extend({ view: z.enum(salesCsvViews).default('days') }))
    .query(async ({ ctx, input }) => {
      const { view, ...range } = input;
      const report = await salesReport(ctx.db, {
        organizationId: ctx.owner.organizationId,
        ...range,
      });
      return {
        fileName: `sales-${view}-${range.from}-to-${range.to}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: salesReportToCsv(report, view),
      };
    }),
});

export const ordersRouter = router({
  list: ownerProcedure.input(truckDayInput).query(async ({ ctx, input }) => {
    const truck = await getOwnedTruck(
      ctx.db,
      ctx.owner.organizationId,
      input.truckId,
    );
    const orders = await listOrdersOfDay(ctx.db, truck.id, input.date);
    return orders.map(
      ({ id, number, createdAt, totals, tenderMethod, voided }) => ({
        id,
        number,
        createdAt,
        totals,
        tenderMethod,
        voided,
      }),
    );
  }),
});
