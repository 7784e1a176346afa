import { z } from 'zod';

import { GalleyError } from '../../../shared/errors.js';
import {
  organizationSettingsSchema,
  pinSchema,
  staffNameSchema,
  staffRoles,
} from '../../../shared/staff.js';
import { getSettings, updateSettings } from '../../organizations/settings.js';
import {
  createStaff,
  listStaff,
  setStaffPin,
  updateStaff,
} from '../../staff/staff.js';
import { ownerProcedure, router } from '../init.js';

const staffInput = z.object({ staffId: z.uuid() });

/**
 * Staff of the organisation. Responses never carry PIN hashes, which go
 * only to the organisation's terminals, in sync.pull.
 */
export const staffRouter = router({
  list: ownerProcedure.query(({ ctx }) =>
    listStaff(ctx.db, ctx.owner.organizationId),
  ),

  create: ownerProcedure
    .input(
      z.object({
        name: staffNameSchema,
        role: z.enum(staffRoles),
        pin: pinSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const member = await createStaff(
        ctx,
        ctx.owner.organizationId,
        input,
        ctx.clock(),
      );
      ctx.logger.info({ staffId: member.id, role: member.role }, 'Staff added');
      return member;
    }),

  /** Renames, changes the role, or reactivates with `active: true`. */
  update: ownerProcedure
    .input(
      staffInput.extend({
        name: staffNameSchema.optional(),
        role: z.enum(staffRoles).optional(),
        active: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { staffId, ...changes } = input;
      if (Object.values(changes).every((value) => value === undefined)) {
        throw new GalleyError(
          'BAD_REQUEST',
          'Nothing to update. Send name, role, active or a combination.',
        );
      }
      return updateStaff(
        ctx,
        ctx.owner.organizationId,
        staffId,
        changes,
        ctx.clock(),
      );
    }),

  setPin: ownerProcedure
    .input(staffInput.extend({ pin: pinSchema }))
    .mutation(async ({ ctx, input }) => {
      const member = await setStaffPin(
        ctx,
        ctx.owner.organizationId,
        input.staffId,
        input.pin,
        ctx.clock(),
      );
      ctx.logger.info({ staffId: member.id }, 'Staff PIN changed');
      return member;
    }),

  /** Stops the PIN from working on every terminal after their next pull. */
  deactivate: ownerProcedure
    .input(staffInput)
    .mutation(({ ctx, input }) =>
      updateStaff(
        ctx,
        ctx.owner.organizationId,
        input.staffId,
        { active: false },
        ctx.clock(),
      ),
    ),
});

export const settingsRouter = router({
  get: ownerProcedure.query(({ ctx }) =>
    getSettings(ctx.db, ctx.owner.organizationId),
  ),

  update: ownerProcedure
    .input(organizationSettingsSchema.partial())
    .mutation(({ ctx, input }) => {
      if (Object.values(input).every((value) => value === undefined)) {
        throw new GalleyError(
          'BAD_REQUEST',
          'Nothing to update. Send discountLimitPercent, idleLockSeconds or both.',
        );
      }
      return updateSettings(ctx, ctx.owner.organizationId, input);
    }),
});
