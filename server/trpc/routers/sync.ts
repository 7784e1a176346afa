import {
  pullInputSchema,
  pullOutputSchema,
  pushInputSchema,
  pushOutputSchema,
} from '../../../shared/sync.js';
import { pullChanges } from '../../sync/pull.js';
import { pushEntries } from '../../sync/push.js';
import { touchDevice } from '../../trucks/devices.js';
import { deviceProcedure, router } from '../init.js';

export const syncRouter = router({
  push: deviceProcedure
    .input(pushInputSchema)
    .output(pushOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.clock();
      const results = await pushEntries(
        ctx.db,
        ctx.device,
        input.entries,
        ctx.logger,
      );
      await touchDevice(ctx.db, ctx.device.deviceId, now);
      return { results, serverTime: now.toISOString() };
    }),

  pull: deviceProcedure
    .input(pullInputSchema)
    .output(pullOutputSchema)
    .query(async ({ ctx, input }) => {
      const now = ctx.clock();
      const pulled = await pullChanges(ctx.db, ctx.device, input.cursor, now);
      await touchDevice(ctx.db, ctx.device.deviceId, now);
      return pulled;
    }),
});
