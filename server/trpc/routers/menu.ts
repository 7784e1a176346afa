import { z } from 'zod';

import { menuSchema } from '../../../shared/menu.js';
import { readActiveMenu } from '../../cache/cached-menus.js';
import { loadMenuVersion } from '../../menus/menus.js';
import { importMenu } from '../../menus/publish.js';
import { getOwnedTruck } from '../../trucks/trucks.js';
import { ownerProcedure, router } from '../init.js';

/**
 * The single-truck menu API from before drafts. `import` saves the menu as
 * the draft of the menu the truck uses (or of a new menu) and publishes it
 * to that truck. It returns the truck's menu version.
 */
export const menuRouter = router({
  import: ownerProcedure
    .input(z.object({ truckId: z.uuid(), menu: menuSchema }))
    .mutation(async ({ ctx, input }) => {
      const imported = await importMenu(ctx, {
        organizationId: ctx.owner.organizationId,
        ownerId: ctx.owner.ownerId,
        truckId: input.truckId,
        menu: input.menu,
        now: ctx.clock(),
      });
      ctx.logger.info(
        { truckId: input.truckId, version: imported.version },
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
      return readActiveMenu(ctx.cache, truck.id, truck.activeMenuVersion, () =>
        loadMenuVersion(ctx.db, truck.id, truck.activeMenuVersion),
      );
    }),
});
