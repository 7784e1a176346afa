import { z } from 'zod';

import { GalleyError } from '../../../shared/errors.js';
import { changePassword, emailOfOwner } from '../../auth/owner-accounts.js';
import { normalizeEmail } from '../../auth/owners.js';
import { newPasswordSchema } from '../../auth/passwords.js';
import {
  login,
  revokeOwnerSessions,
  revokeSession,
} from '../../auth/sessions.js';
import { ownerProcedure, publicProcedure, router } from '../init.js';

const accountScope = 'for this account';

export const authRouter = router({
  /**
   * Rate-limited twice: per client IP, and per account email, so that many
   * addresses guessing one account's password are stopped too.
   */
  login: publicProcedure
    .input(
      z.object({
        email: z.string().trim().min(1).max(320),
        password: z.string().min(1).max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const accountKey = normalizeEmail(input.email);
      ctx.loginLimiter.assertAllowed(ctx.clientIp, 'sign-in');
      ctx.accountLimiter.assertAllowed(accountKey, 'sign-in', accountScope);
      try {
        const session = await login(ctx.db, input, ctx.clock());
        ctx.accountLimiter.reset(accountKey);
        return session;
      } catch (error) {
        if (error instanceof GalleyError && error.code === 'UNAUTHORIZED') {
          ctx.loginLimiter.recordFailure(ctx.clientIp);
          ctx.accountLimiter.recordFailure(accountKey);
        }
        throw error;
      }
    }),

  logout: ownerProcedure.mutation(async ({ ctx }) => {
    await revokeSession(ctx.db, ctx.owner.sessionId, ctx.clock());
    return { ok: true as const };
  }),

  /** Signs out every session of the calling owner, this one included. */
  logoutEverywhere: ownerProcedure.mutation(async ({ ctx }) => {
    const signedOutSessions = await revokeOwnerSessions(
      ctx.db,
      ctx.owner.ownerId,
      ctx.clock(),
    );
    ctx.logger.info(
      { ownerId: ctx.owner.ownerId, signedOutSessions },
      'Owner signed out everywhere',
    );
    return { ok: true as const, signedOutSessions };
  }),

  /**
   * Needs the current password, which counts against the account's
   * failure limit like a sign-in. Signs out the owner's other sessions.
   */
  changePassword: ownerProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1).max(200),
        newPassword: newPasswordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const accountKey = await emailOfOwner(ctx.db, ctx.owner.ownerId);
      ctx.accountLimiter.assertAllowed(
        accountKey,
        'password check',
        accountScope,
      );
      try {
        const result = await changePassword(ctx.db, {
          ownerId: ctx.owner.ownerId,
          sessionId: ctx.owner.sessionId,
          currentPassword: input.currentPassword,
          newPassword: input.newPassword,
          now: ctx.clock(),
        });
        ctx.logger.info(
          { ownerId: ctx.owner.ownerId, ...result },
          'Owner password changed',
        );
        return { ok: true as const, ...result };
      } catch (error) {
        if (error instanceof GalleyError && error.field === 'currentPassword') {
          ctx.accountLimiter.recordFailure(accountKey);
        }
        throw error;
      }
    }),
});
