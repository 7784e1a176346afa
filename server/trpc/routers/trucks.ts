import { z } from 'zod';

import {
  availabilityTargets,
  type AvailabilityState,
} from '../../../shared/availability.js';
import { businessDayCutoffPattern } from '../../../shared/business-day.js';
import { GalleyError } from '../../../shared/errors.js';
import { pairInputSchema, pairOutputSchema } from '../../../shared/sync.js';
import {
  listAvailability,
  setAvailabilityByOwner,
} from '../../availability/availability.js';
import { revokeDevice } from '../../trucks/devices.js';
import { issuePairingCode, pairDevice } from '../../trucks/pairing.js';
import {
  assertNotRetired,
  createTruck,
  getOwnedTruck,
  listTrucks,
  retireTruck,
  updateTruck,
} from '../../trucks/trucks.js';
import { ownerProcedure, publicProcedure, router } from '../init.js';

const truckName = z.string().trim().min(1).max(80);
const timezone = z.string().min(1).max(64);
const businessDayCutoff = z
  .string()
  .regex(
    businessDayCutoffPattern,
    'must be a local time in HH:MM from 00:00 to 23:59, such as "04:00"',
  );
const truckInput = z.object({ truckId: z.uuid() });

export const trucksRouter = router({
  create: ownerProcedure
    .input(
      z.object({
        name: truckName,
        timezone,
        businessDayCutoff: businessDayCutoff.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createTruck(ctx, ctx.owner.organizationId, input, ctx.clock()),
    ),

  /** Every truck of the organisation, retired ones included. */
  list: ownerProcedure.query(({ ctx }) =>
    listTrucks(ctx.db, ctx.owner.organizationId, ctx.cache),
  ),

  issuePairingCode: ownerProcedure
    .input(truckInput)
    .mutation(async ({ ctx, input }) => {
      const truck = await getOwnedTruck(
        ctx.db,
        ctx.owner.organizationId,
        input.truckId,
      );
      assertNotRetired(truck);
      return issuePairingCode(ctx.db, truck.id, ctx.clock());
    }),

  rename: ownerProcedure
    .input(truckInput.extend({ name: truckName }))
    .mutation(({ ctx, input }) =>
      updateTruck(ctx, ctx.owner.organizationId, input.truckId, {
        name: input.name,
      }),
    ),

  /** Sets the time zone and business-day cut-off. Orders taken keep their dates. */
  update: ownerProcedure
    .input(
      truckInput.extend({
        timezone: timezone.optional(),
        businessDayCutoff: businessDayCutoff.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { truckId, ...changes } = input;
      if (Object.values(changes).every((value) => value === undefined)) {
        throw new GalleyError(
          'BAD_REQUEST',
          'Nothing to update. Send timezone, businessDayCutoff or both.',
        );
      }
      return updateTruck(ctx, ctx.owner.organizationId, truckId, changes);
    }),

  retire: ownerProcedure.input(truckInput).mutation(async ({ ctx, input }) => {
    const retired = await retireTruck(
      ctx,
      ctx.owner.organizationId,
      input.truckId,
      ctx.clock(),
    );
    ctx.logger.info({ truckId: input.truckId }, 'Truck retired');
    return retired;
  }),

  /** Every sold-out mark of the truck, with whether it is in force now. */
  availability: ownerProcedure
    .input(truckInput)
    .query(async ({ ctx, input }): Promise<AvailabilityState[]> => {
      const truck = await getOwnedTruck(
        ctx.db,
        ctx.owner.organizationId,
        input.truckId,
      );
      return listAvailability(ctx.db, truck, ctx.clock());
    }),

  setAvailability: ownerProcedure
    .input(
      truckInput.extend({
        sku: z.string().min(1).max(64),
        target: z.enum(availabilityTargets),
        soldOut: z.boolean(),
        until: z.iso.date().nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const truck = await getOwnedTruck(
        ctx.db,
        ctx.owner.organizationId,
        input.truckId,
      );
      assertNotRetired(truck);
      return setAvailabilityByOwner(ctx, {
        organizationId: ctx.owner.organizationId,
        ownerId: ctx.owner.ownerId,
        truck,
        sku: input.sku,
        target: input.target,
        soldOut: input.soldOut,
        until: input.until,
        now: ctx.clock(),
      });
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
