import { z } from 'zod';

import { menuSchema } from '../../../shared/menu.js';
import { importMenu, loadMenuVersion } from '../../menus/menus.js';
import { getOwnedTruck } from '../../trucks/trucks.js';
import { ownerProcedure, router } from '../init.js';

export const menuRouter = router({
  import: ownerProcedure
    .input(z.object({ truckId: z.uuid(), menu: menuSchema }))
    .mutation(async ({ ctx, input }) => {
      const truck = await getOwnedTruck(
        ctx.db,
        ctx.owner.organizationId,
        input.truckId,
      );
      const imported = await importMenu(ctx.db, {
        truckId: truck.id,
        ownerId: ctx.owner.ownerId,
        menu: input.menu,
        now: ctx.clock(),
      });
      ctx.logger.info(
        { truckId: truck.id, version: imported.version },
        'Menu imported',
      );
      return imported;
    }),

  current: ownerProcedure
    .input(z.object({ truckId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const truck = await getOwnedTruck(
        ctx.db,
        ctx.owner.organizationId,
        input.truckId,
      );
      return loadMenuVersion(ctx.db, truck.id, truck.activeMenuVersion);
    }),
});
