import {
  pullInputSchema,
  pullOutputSchema,
  pushInputSchema,
  pushOutputSchema,
  waitForChangeInputSchema,
  waitForChangeOutputSchema,
} from '../../../shared/sync.js';
import { pullChanges } from '../../sync/pull.js';
import { pushEntries } from '../../sync/push.js';
import { waitForChange } from '../../sync/wait-for-change.js';
import { touchDevice } from '../../trucks/devices.js';
import { deviceProcedure, router } from '../init.js';
import { reconcileProcedure } from './reconcile.js';

export const syncRouter = router({
  reconcile: reconcileProcedure,
  push: deviceProcedure
    .input(pushInputSchema)
    .output(pushOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.clock();
      const results = await pushEntries(
        ctx,
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
      const pulled = await pullChanges(
        ctx.db,
        ctx.device,
        input.cursor,
        now,
        ctx.cache,
      );
      await touchDevice(ctx.db, ctx.device.deviceId, now);
      return pulled;
    }),

  /** A long-poll: see waitForChangeInputSchema in shared/sync.ts. */
  waitForChange: deviceProcedure
    .input(waitForChangeInputSchema)
    .output(waitForChangeOutputSchema)
    .query(async ({ ctx, input, signal }) => {
      const changed = await waitForChange({
        db: ctx.db,
        changes: ctx.changes,
        device: ctx.device,
        cursor: input.cursor,
        timeoutMs: ctx.longPollMs,
        signal,
      });
      return { changed, serverTime: ctx.clock().toISOString() };
    }),
});
