import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../shared/errors.js';
import { menuFormat, type Menu } from '../../shared/menu.js';
import type { WriteDeps } from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { menuPublications, menus, menuVersions, trucks } from '../db/schema.js';
import { runMenuWrite } from './menu-write.js';

export type MenuRow = typeof menus.$inferSelect;

export interface MenuDraft {
  menuId: string;
  revision: number;
  updatedAt: string;
  menu: Menu;
}

export interface MenuListEntry {
  id: string;
  name: string;
  draftRevision: number;
  draftUpdatedAt: string;
  /** The latest published version, or null before the first publish. */
  latestVersion: { version: number; publishedAt: string } | null;
  /** Active trucks whose current menu is a version of this menu. */
  trucks: { truckId: string; name: string; publishedVersion: number }[];
}

/** Builds a menu with one empty category, for an owner starting from nothing. */
export function starterMenu(input: {
  name: string;
  currency: string;
  taxMode: Menu['taxMode'];
}): Menu {
  return {
    format: menuFormat,
    name: input.name,
    currency: input.currency,
    taxMode: input.taxMode,
    taxRates: [],
    modifierGroups: [],
    categories: [{ id: 'menu', name: 'Menu', items: [] }],
  };
}

export async function createMenu(
  deps: WriteDeps,
  organizationId: string,
  menu: Menu,
  now: Date,
): Promise<MenuDraft> {
  return runMenuWrite(deps, organizationId, async (tx) => ({
    value: await insertMenu(tx, organizationId, menu, now),
    trucksWithNewMenu: [],
  }));
}

/** Inserts a new menu whose draft is `menu`. Call inside a menu write. */
export async function insertMenu(
  tx: Database,
  organizationId: string,
  menu: Menu,
  now: Date,
): Promise<MenuDraft> {
  const id = uuidv7();
  await tx.insert(menus).values({
    id,
    organizationId,
    name: menu.name,
    draft: menu,
    draftRevision: 1,
    draftUpdatedAt: now,
    createdAt: now,
  });
  return { menuId: id, revision: 1, updatedAt: now.toISOString(), menu };
}

/**
 * Replaces a menu's draft. With `expectedRevision`, the save is rejected
 * when another owner saved in between, instead of silently overwriting.
 */
export async function saveDraft(
  deps: WriteDeps,
  params: {
    organizationId: string;
    menuId: string;
    menu: Menu;
    expectedRevision?: number | undefined;
    now: Date;
  },
): Promise<MenuDraft> {
  return runMenuWrite(deps, params.organizationId, async (tx) => ({
    value: await updateDraft(tx, params),
    trucksWithNewMenu: [],
  }));
}

/** Replaces a draft inside a menu write; see saveDraft. */
export async function updateDraft(
  tx: Database,
  params: {
    organizationId: string;
    menuId: string;
    menu: Menu;
    expectedRevision?: number | undefined;
    now: Date;
  },
): Promise<MenuDraft> {
  const row = await getOwnedMenu(tx, params.organizationId, params.menuId);
  if (
    params.expectedRevision !== undefined &&
    params.expectedRevision !== row.draftRevision
  ) {
    throw new GalleyError(
      'CONFLICT',
      `The draft of menu "${row.name}" is at revision ${row.draftRevision}, ` +
        `not ${params.expectedRevision}: someone saved it meanwhile. ` +
        'Load the draft again and reapply your changes.',
      { field: 'expectedRevision' },
    );
  }

  const revision = row.draftRevision + 1;
  await tx
    .update(menus)
    .set({
      draft: params.menu,
      name: params.menu.name,
      draftRevision: revision,
      draftUpdatedAt: params.now,
    })
    .where(eq(menus.id, row.id));
  return {
    menuId: row.id,
    revision,
    updatedAt: params.now.toISOString(),
    menu: params.menu,
  };
}

export async function getDraft(
  db: Database,
  organizationId: string,
  menuId: string,
): Promise<MenuDraft> {
  const row = await getOwnedMenu(db, organizationId, menuId);
  return {
    menuId: row.id,
    revision: row.draftRevision,
    updatedAt: row.draftUpdatedAt.toISOString(),
    menu: row.draft as Menu,
  };
}

/**
 * Loads a menu of the caller's organisation. One of another organisation
 * reads exactly like a missing one, so ids cannot be probed.
 */
export async function getOwnedMenu(
  db: Database,
  organizationId: string,
  menuId: string,
): Promise<MenuRow> {
  const [row] = await db
    .select()
    .from(menus)
    .where(and(eq(menus.id, menuId), eq(menus.organizationId, organizationId)))
    .limit(1);
  if (!row) {
    throw new GalleyError(
      'NOT_FOUND',
      `Menu ${menuId} was not found. List your menus to get its id.`,
      { field: 'menuId' },
    );
  }
  return row;
}

export async function listMenus(
  db: Database,
  organizationId: string,
): Promise<MenuListEntry[]> {
  const rows = await db
    .select()
    .from(menus)
    .where(eq(menus.organizationId, organizationId))
    .orderBy(asc(menus.createdAt), asc(menus.id));
  if (rows.length === 0) return [];
  const menuIds = rows.map((row) => row.id);

  const latest = await db
    .select({
      menuId: menuPublications.menuId,
      version: sql<number>`max(${menuPublications.version})`,
      publishedAt: sql<Date | string>`max(${menuPublications.createdAt})`,
    })
    .from(menuPublications)
    .where(inArray(menuPublications.menuId, menuIds))
    .groupBy(menuPublications.menuId);

  const assigned = await db
    .select({
      truckId: trucks.id,
      name: trucks.name,
      menuId: menuVersions.menuId,
      publishedVersion: menuVersions.menuPublication,
    })
    .from(trucks)
    .innerJoin(
      menuVersions,
      and(
        eq(menuVersions.truckId, trucks.id),
        eq(menuVersions.version, trucks.activeMenuVersion),
      ),
    )
    .where(and(inArray(menuVersions.menuId, menuIds), isNull(trucks.retiredAt)))
    .orderBy(asc(trucks.createdAt));

  return rows.map((row) => {
    const published = latest.find((entry) => entry.menuId === row.id);
    return {
      id: row.id,
      name: row.name,
      draftRevision: row.draftRevision,
      draftUpdatedAt: row.draftUpdatedAt.toISOString(),
      latestVersion: published
        ? {
            version: Number(published.version),
            publishedAt: new Date(published.publishedAt).toISOString(),
          }
        : null,
      trucks: assigned
        .filter((truck) => truck.menuId === row.id)
        .map((truck) => ({
          truckId: truck.truckId,
          name: truck.name,
          publishedVersion: truck.publishedVersion ?? 0,
        })),
    };
  });
}
