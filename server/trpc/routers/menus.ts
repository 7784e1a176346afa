import { z } from 'zod';

import { menuSchema } from '../../../shared/menu.js';
import {
  createMenu,
  getDraft,
  listMenus,
  saveDraft,
  starterMenu,
} from '../../menus/drafts.js';
import { exportMenu, importMenuFile } from '../../menus/menu-files.js';
import { publishMenu } from '../../menus/publish.js';
import { ownerProcedure, router } from '../init.js';

const menuInput = z.object({ menuId: z.uuid() });
const fileFormat = z.enum(['json', 'csv']);

/** Menus of the organisation: drafts, publishing, files. Owners only. */
export const menusRouter = router({
  /** A new menu whose draft has one empty category. */
  create: ownerProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(120),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'),
        taxMode: z.enum(['exclusive', 'inclusive']).default('exclusive'),
      }),
    )
    .mutation(({ ctx, input }) =>
      createMenu(
        ctx,
        ctx.owner.organizationId,
        starterMenu(input),
        ctx.clock(),
      ),
    ),

  list: ownerProcedure.query(({ ctx }) =>
    listMenus(ctx.db, ctx.owner.organizationId),
  ),

  getDraft: ownerProcedure
    .input(menuInput)
    .query(({ ctx, input }) =>
      getDraft(ctx.db, ctx.owner.organizationId, input.menuId),
    ),

  /**
   * Replaces the draft with a whole galley.menu.v1 menu. With
   * expectedRevision, a save over someone else's newer save is rejected.
   */
  saveDraft: ownerProcedure
    .input(
      menuInput.extend({
        menu: menuSchema,
        expectedRevision: z.number().int().min(1).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      saveDraft(ctx, {
        organizationId: ctx.owner.organizationId,
        menuId: input.menuId,
        menu: input.menu,
        expectedRevision: input.expectedRevision,
        now: ctx.clock(),
      }),
    ),

  publish: ownerProcedure
    .input(menuInput.extend({ truckIds: z.array(z.uuid()).min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const published = await publishMenu(ctx, {
        organizationId: ctx.owner.organizationId,
        ownerId: ctx.owner.ownerId,
        menuId: input.menuId,
        truckIds: input.truckIds,
        now: ctx.clock(),
      });
      ctx.logger.info(
        {
          menuId: published.menuId,
          version: published.version,
          truckIds: input.truckIds,
        },
        'Menu published',
      );
      return published;
    }),

  /** The draft, or a published version, as file content. */
  export: ownerProcedure
    .input(
      menuInput.extend({
        format: fileFormat,
        version: z.number().int().min(1).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      exportMenu(ctx.db, {
        organizationId: ctx.owner.organizationId,
        menuId: input.menuId,
        format: input.format,
        version: input.version,
      }),
    ),

  /**
   * Reads a JSON or CSV menu file into the draft of `menuId`, or into a new
   * menu when no menuId is given. Nothing is saved when the file is invalid.
   */
  importFile: ownerProcedure
    .input(
      z.object({
        format: fileFormat,
        content: z
          .string()
          .min(1)
          .max(2 * 1024 * 1024),
        menuId: z.uuid().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      importMenuFile(ctx, {
        organizationId: ctx.owner.organizationId,
        menuId: input.menuId,
        format: input.format,
        content: input.content,
        now: ctx.clock(),
      }),
    ),
});
