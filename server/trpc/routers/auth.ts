import { z } from 'zod';

import { GalleyError } from '../../../shared/errors.js';
import { login, revokeSession } from '../../auth/sessions.js';
import { ownerProcedure, publicProcedure, router } from '../init.js';

export const authRouter = router({
  login: publicProcedure
    .input(
      z.object({
        email: z.string().trim().min(1).max(320),
        password: z.string().min(1).max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.loginLimiter.assertAllowed(ctx.clientIp, 'sign-in');
      try {
        return await login(ctx.db, input, ctx.clock());
      } catch (error) {
        if (error instanceof GalleyError && error.code === 'UNAUTHORIZED') {
          ctx.loginLimiter.recordFailure(ctx.clientIp);
        }
        throw error;
      }
    }),

  logout: ownerProcedure.mutation(async ({ ctx }) => {
    await revokeSession(ctx.db, ctx.owner.sessionId, ctx.clock());
    return { ok: true as const };
  }),
});
