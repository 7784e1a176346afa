import { z } from 'zod';

import { availabilityTargets } from '../../../shared/availability.js';
import { orderInputSchema } from '../../../shared/order.js';
import { pinSchema } from '../../../shared/staff.js';
import { procedure, router } from './trpc.js';

/**
 * Local API procedures of staff sign-in, sold-out marks, voids, refunds
 * and the owner's back office. router.ts mounts them.
 */

export const reason = z
  .string()
  .trim()
  .min(1, 'must not be empty: say why, such as "wrong item"')
  .max(200, 'must be at most 200 characters');

export const sessionRouter = router({
  current: procedure.query(({ ctx }) => ctx.core.staffSession.current()),
  signIn: procedure
    .input(z.object({ pin: pinSchema }))
    .mutation(({ ctx, input }) => ctx.core.staffSession.signIn(input.pin)),
  signOut: procedure.mutation(({ ctx }) => ctx.core.staffSession.signOut()),
  lock: procedure.mutation(({ ctx }) => ctx.core.staffSession.lock()),
});

/** orders.create input: the order, plus the counter's optional fields. */
export const counterOrderInput = orderInputSchema.extend({
  approvalPin: pinSchema.optional(),
  menuVersion: z.number().int().min(1).optional(),
});

export const voidInput = z.object({
  orderId: z.uuid(),
  reason,
  approvalPin: pinSchema.optional(),
});

export const refundInput = voidInput.extend({
  amount: z
    .number()
    .int('must be a whole number of minor units')
    .min(1, 'must be at least 1 minor unit'),
});

export const availabilityRouter = router({
  set: procedure
    .input(
      z.object({
        sku: z.string().min(1, 'must not be empty').max(64),
        target: z.enum(availabilityTargets),
        soldOut: z.boolean(),
        until: z.iso.date().nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const marks = ctx.core.counter.setAvailability(input);
      ctx.core.sync.nudge();
      return marks;
    }),
  list: procedure.query(({ ctx }) => ctx.core.counter.soldOut()),
});

export const backOfficeRouter = router({
  signIn: procedure
    .input(
      z.object({
        email: z.string().trim().min(1, 'must not be empty').max(320),
        password: z.string().min(1, 'must not be empty').max(200),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.core.backOffice.signIn(input.email, input.password),
    ),
  signOut: procedure.mutation(({ ctx }) => ctx.core.backOffice.signOut()),
  status: procedure.query(({ ctx }) => ctx.core.backOffice.status()),
  // tRPC reserves the name "call" in routers, so the forwarding procedure
  // is backOffice.request.
  request: procedure
    .input(
      z.object({
        type: z.enum(['query', 'mutation']),
        path: z.string().min(1).max(100),
        input: z.unknown().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.core.backOffice.call(input)),
});
