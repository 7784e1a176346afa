import {
  reconcileInputSchema,
  reconcileOutputSchema,
} from '../../../shared/reconciliation.js';
import { reconcileDay } from '../../sync/reconcile.js';
import { deviceProcedure } from '../init.js';

/** sync.reconcile: the server's view of one business day of the device. */
export const reconcileProcedure = deviceProcedure
  .input(reconcileInputSchema)
  .output(reconcileOutputSchema)
  .query(({ ctx, input }) => reconcileDay(ctx.db, ctx.device, input));
