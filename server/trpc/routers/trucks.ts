import { z } from 'zod';

import { GalleyError } from '../../../shared/errors.js';
import { pairInputSchema, pairOutputSchema } from '../../../shared/sync.js';
import { revokeDevice } from '../../trucks/devices.js';
import { issuePairingCode, pairDevice } from '../../trucks/pairing.js';
import { createTruck, getOwnedTruck, listTrucks } from '../../trucks/trucks.js';
import { ownerProcedure, publicProcedure, router } from '../init.js';

export const trucksRouter = router({
  create: ownerProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(80),
        timezone: z.string().min(1).max(64),
      }),
    )
    .mutation(({ ctx, input }) =>
      createTruck(ctx.db, ctx.owner.organizationId, input, ctx.clock()),
    ),

  list: ownerProcedure.query(({ ctx }) =>
    listTrucks(ctx.db, ctx.owner.organizationId),
  ),

  issuePairingCode: ownerProcedure
    .input(z.object({ truckId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const truck = await getOwnedTruck(
        ctx.db,
        ctx.owner.organizationId,
        input.truckId,
      );
      return issuePairingCode(ctx.db, truck.id, ctx.clock());
    }),
});

export const devicesRouter = router({
  pair: publicProcedure
    .input(pairInputSchema)
    .output(pairOutputSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.pairingLimiter.assertAllowed(ctx.clientIp, 'pairing');
      try {
        const paired = await pairDevice(ctx.db, input, ctx.clock());
        ctx.logger.info(
          {
            deviceId: paired.deviceId,
            truckId: paired.truck.id,
            slot: paired.slot,
          },
          'Device paired',
        );
        return paired;
      } catch (error) {
        if (error instanceof GalleyError && error.code === 'UNAUTHORIZED') {
          ctx.pairingLimiter.recordFailure(ctx.clientIp);
        }
        throw error;
      }
    }),

  revoke: ownerProcedure
    .input(z.object({ deviceId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeDevice(
        ctx.db,
        ctx.owner.organizationId,
        input.deviceId,
        ctx.clock(),
      );
      ctx.logger.info({ deviceId: input.deviceId }, 'Device revoked');
      return { ok: true as const };
    }),
});
