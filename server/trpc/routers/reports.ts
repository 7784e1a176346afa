import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { businessDateSchema } from '../../../shared/sync.js';
import { dailyReport, listOrdersOfDay } from '../../reports/daily.js';
import { getOwnedTruck } from '../../trucks/trucks.js';
import { memberProcedure, ownerProcedure, router } from '../init.js';

const truckDayInput = z.object({
  truckId: z.uuid(),
  date: businessDateSchema,
});

export const reportsRouter = router({
  /** Owners read any truck of their organisation, a device only its own. */
  daily: memberProcedure.input(truckDayInput).query(async ({ ctx, input }) => {
    const { principal } = ctx;
    if (principal.kind === 'device') {
      if (principal.truckId !== input.truckId) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: "A device may read only its own truck's reports.",
        });
      }
    } else {
      await getOwnedTruck(ctx.db, principal.organizationId, input.truckId);
    }
    return dailyReport(ctx.db, input.truckId, input.date);
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
    return orders.map(({ id, number, createdAt, totals, tenderMethod }) => ({
      id,
      number,
      createdAt,
      totals,
      tenderMethod,
    }));
  }),
});
