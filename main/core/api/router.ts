import { z } from 'zod';

import { pinSchema } from '../../../shared/staff.js';
import { businessDateSchema } from '../../../shared/sync.js';
import {
  availabilityRouter,
  backOfficeRouter,
  counterOrderInput,
  reason,
  refundInput,
  sessionRouter,
  voidInput,
} from './counter-routers.js';
import { supportRouter } from './support-router.js';
import { procedure, router } from './trpc.js';

const pairInput = z.object({
  pairingCode: z
    .string()
    .trim()
    .min(4, 'must be at least 4 characters')
    .max(32, 'must be at most 32 characters'),
  deviceName: z.string().trim().min(1).max(80).optional(),
  serverUrl: z.string().trim().min(1).max(2048).optional(),
});

const businessDate = businessDateSchema.describe('a date as YYYY-MM-DD');

/**
 * The terminal's local API: one router served over HTTP in headless mode
 * and over a MessagePort inside the desktop app.
 */
export const localRouter = router({
  setup: router({
    status: procedure.query(({ ctx }) => ctx.core.setupStatus()),
    pair: procedure
      .input(pairInput)
      .mutation(({ ctx, input }) => ctx.core.pair(input)),
    unpair: procedure.mutation(({ ctx }) => ctx.core.unpair()),
    reset: procedure.mutation(({ ctx }) => ctx.core.reset()),
  }),
  menu: router({
    current: procedure.query(({ ctx }) => ctx.core.currentMenu()),
  }),
  orders: router({
    create: procedure
      .input(counterOrderInput)
      .mutation(({ ctx, input }) => ctx.core.createCounterOrder(input)),
    void: procedure
      .input(voidInput)
      .mutation(({ ctx, input }) => ctx.core.voidOrder(input)),
    refund: procedure
      .input(refundInput)
      .mutation(({ ctx, input }) => ctx.core.refundOrder(input)),
    list: procedure
      .input(z.object({ date: businessDate.optional() }).optional())
      .query(({ ctx, input }) => ctx.core.listOrders(input?.date)),
  }),
  reports: router({
    daily: procedure
      .input(z.object({ date: businessDate }))
      .query(({ ctx, input }) => ctx.core.dailyReport(input.date)),
  }),
  session: sessionRouter,
  availability: availabilityRouter,
  backOffice: backOfficeRouter,
  sync: router({
    status: procedure.query(({ ctx }) => ctx.core.syncStatus()),
    now: procedure.mutation(({ ctx }) => ctx.core.syncNow()),
    retryRejected: procedure
      .input(z.object({ entryId: z.uuid() }))
      .mutation(({ ctx, input }) => ctx.core.retryRejected(input.entryId)),
    dismissRejected: procedure
      .input(
        z.object({
          entryId: z.uuid(),
          reason,
          approvalPin: pinSchema.optional(),
        }),
      )
      .mutation(({ ctx, input }) => ctx.core.dismissRejected(input)),
  }),
  support: supportRouter,
});

export type LocalRouter = typeof localRouter;
