import {
  importUnsyncedOrdersOutputSchema,
  unsyncedOrdersFileSchema,
} from '../../../shared/unsynced-orders.js';
import { importUnsyncedOrders } from '../../support/import-unsynced.js';
import { ownerProcedure, router } from '../init.js';

/** Tools for support staff acting for an owner. */
export const supportRouter = router({
  /** Stores an unsynced-orders file from a terminal's diagnostics archive. */
  importUnsyncedOrders: ownerProcedure
    .input(unsyncedOrdersFileSchema)
    .output(importUnsyncedOrdersOutputSchema)
    .mutation(({ ctx, input }) => importUnsyncedOrders(ctx, input, ctx.logger)),
});
