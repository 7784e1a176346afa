import { z } from 'zod';

import { GalleyError } from '../../../shared/errors.js';
import {
  acceptInvite,
  addOwner,
  inviteOwner,
  listOwners,
} from '../../auth/owner-accounts.js';
import { newPasswordSchema } from '../../auth/passwords.js';
import { ownerProcedure, publicProcedure, router } from '../init.js';

const emailSchema = z
  .email('must be a valid email address such as owner@example.com')
  .max(320);

/** Owner accounts of the caller's organisation. */
export const ownersRouter = router({
  list: ownerProcedure.query(({ ctx }) =>
    listOwners(ctx.db, ctx.owner.organizationId),
  ),

  /** Adds an owner with a password the calling owner sets for them. */
  create: ownerProcedure
    .input(z.object({ email: emailSchema, password: newPasswordSchema }))
    .mutation(async ({ ctx, input }) => {
      const created = await addOwner(
        ctx.db,
        ctx.owner.organizationId,
        input,
        ctx.clock(),
      );
      ctx.logger.info(
        { ownerId: created.id, addedBy: ctx.owner.ownerId },
        'Owner added',
      );
      return created;
    }),

  /** Issues an invite code that the new owner redeems with acceptInvite. */
  invite: ownerProcedure
    .input(z.object({ email: emailSchema }))
    .mutation(async ({ ctx, input }) => {
      const invite = await inviteOwner(ctx.db, {
        organizationId: ctx.owner.organizationId,
        invitedBy: ctx.owner.ownerId,
        email: input.email,
        now: ctx.clock(),
      });
      ctx.logger.info({ invitedBy: ctx.owner.ownerId }, 'Owner invited');
      return invite;
    }),

  /**
   * Redeems an invite code with the new owner's password and signs them
   * in. Failures count against the caller's address like failed sign-ins.
   */
  acceptInvite: publicProcedure
    .input(
      z.object({
        inviteCode: z.string().trim().min(1).max(100),
        password: newPasswordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.loginLimiter.assertAllowed(ctx.clientIp, 'invite');
      try {
        return await acceptInvite(ctx.db, input, ctx.clock());
      } catch (error) {
        if (error instanceof GalleyError && error.code === 'UNAUTHORIZED') {
          ctx.loginLimiter.recordFailure(ctx.clientIp);
        }
        throw error;
      }
    }),
});
