import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

import { GalleyError } from '../../shared/errors.js';
import type { Menu } from '../../shared/menu.js';
import {
  nextChangeSeq,
  type WriteDeps,
} from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { menuPublications, menuVersions, trucks } from '../db/schema.js';
import { getOwnedMenu, insertMenu, updateDraft } from './drafts.js';
import { runMenuWrite } from './menu-write.js';

export interface PublishResult {
  menuId: string;
  /** The published version of the menu. */
  version: number;
  /** Per truck: the truck's own menu version number, which terminals see. */
  trucks: { truckId: string; truckMenuVersion: number; changed: boolean }[];
}

/**
 * Publishes a menu's draft and makes it the active menu of the given trucks.
 * A draft equal to the latest published version reuses that version, and a
 * truck already on it keeps its truck version, so publishing twice changes
 * nothing. All of it is one transaction: either every truck gets the menu
 * or none does.
 */
export async function publishMenu(
  deps: WriteDeps,
  params: {
    organizationId: string;
    ownerId: string;
    menuId: string;
    truckIds: string[];
    now: Date;
  },
): Promise<PublishResult> {
  return runMenuWrite(deps, params.organizationId, async (tx) => {
    const value = await publishDraft(tx, params);
    return {
      value,
      trucksWithNewMenu: value.trucks
        .filter((truck) => truck.changed)
        .map((truck) => truck.truckId),
    };
  });
}

/**
 * Imports a menu into the draft of the menu the truck uses (or a new menu
 * when it has none) and publishes it to that one truck. Returns the
 * truck's new menu version.
 */
export async function importMenu(
  deps: WriteDeps,
  params: {
    organizationId: string;
    ownerId: string;
    truckId: string;
    menu: Menu;
    now: Date;
  },
): Promise<{ version: number }> {
  const { organizationId, truckId, menu, now } = params;

  return runMenuWrite(deps, organizationId, async (tx) => {
    const [active] = await tx
      .select({ menuId: menuVersions.menuId })
      .from(trucks)
      .innerJoin(
        menuVersions,
        and(
          eq(menuVersions.truckId, trucks.id),
          eq(menuVersions.version, trucks.activeMenuVersion),
        ),
      )
      .where(eq(trucks.id, truckId))
      .limit(1);

    const menuId = active?.menuId
      ? (
          await updateDraft(tx, {
            organizationId,
            menuId: active.menuId,
            menu,
            now,
          })
        ).menuId
      : (await insertMenu(tx, organizationId, menu, now)).menuId;
    const published = await publishDraft(tx, {
      ...params,
      menuId,
      truckIds: [truckId],
    });
    const truck = published.trucks[0]!;
    return {
      value: { version: truck.truckMenuVersion },
      trucksWithNewMenu: truck.changed ? [truckId] : [],
    };
  });
}

async function publishDraft(
  tx: Database,
  params: {
    organizationId: string;
    ownerId: string;
    menuId: string;
    truckIds: string[];
    now: Date;
  },
): Promise<PublishResult> {
  const { organizationId, ownerId, menuId, now } = params;
  const menuRow = await getOwnedMenu(tx, organizationId, menuId);
  const targets = await loadTargetTrucks(tx, organizationId, params.truckIds);
  const version = await publicationFor(tx, menuRow.id, menuRow.draft, {
    ownerId,
    now,
  });

  const results: PublishResult['trucks'] = [];
  for (const truck of targets) {
    results.push(
      await assignToTruck(tx, truck, {
        menuId: menuRow.id,
        version,
        menu: menuRow.draft,
        ownerId,
        now,
      }),
    );
  }
  return { menuId: menuRow.id, version, trucks: results };
}

type TargetTruck = Pick<
  typeof trucks.$inferSelect,
  'id' | 'name' | 'activeMenuVersion' | 'retiredAt'
>;

async function loadTargetTrucks(
  tx: Database,
  organizationId: string,
  truckIds: string[],
): Promise<TargetTruck[]> {
  const unique = [...new Set(truckIds)];
  const rows = await tx
    .select({
      id: trucks.id,
      name: trucks.name,
      activeMenuVersion: trucks.activeMenuVersion,
      retiredAt: trucks.retiredAt,
    })
    .from(trucks)
    .where(
      and(
        inArray(trucks.id, unique),
        eq(trucks.organizationId, organizationId),
      ),
    )
    .orderBy(asc(trucks.createdAt));

  for (const [index, truckId] of unique.entries()) {
    const truck = rows.find((row) => row.id === truckId);
    if (!truck) {
      throw new GalleyError(
        'NOT_FOUND',
        `Truck ${truckId} was not found. List your trucks to get its id.`,
        { field: `truckIds.${index}` },
      );
    }
    if (truck.retiredAt) {
      throw new GalleyError(
        'CONFLICT',
        `Truck "${truck.name}" is retired, so it cannot get a menu. ` +
          'Publish to its active trucks only.',
        { field: `truckIds.${index}` },
      );
    }
  }
  return rows;
}

/** Returns the version for the draft, inserting a new one if it differs. */
async function publicationFor(
  tx: Database,
  menuId: string,
  draft: unknown,
  meta: { ownerId: string; now: Date },
): Promise<number> {
  const [latest] = await tx
    .select({ version: menuPublications.version, menu: menuPublications.menu })
    .from(menuPublications)
    .where(eq(menuPublications.menuId, menuId))
    .orderBy(desc(menuPublications.version))
    .limit(1);
  if (latest && canonicalJson(latest.menu) === canonicalJson(draft)) {
    return latest.version;
  }

  const version = (latest?.version ?? 0) + 1;
  await tx.insert(menuPublications).values({
    menuId,
    version,
    menu: draft,
    publishedBy: meta.ownerId,
    createdAt: meta.now,
  });
  return version;
}

async function assignToTruck(
  tx: Database,
  truck: TargetTruck,
  publication: {
    menuId: string;
    version: number;
    menu: unknown;
    ownerId: string;
    now: Date;
  },
): Promise<PublishResult['trucks'][number]> {
  const [active] =
    truck.activeMenuVersion === null
      ? []
      : await tx
          .select({
            menuId: menuVersions.menuId,
            publication: menuVersions.menuPublication,
          })
          .from(menuVersions)
          .where(
            and(
              eq(menuVersions.truckId, truck.id),
              eq(menuVersions.version, truck.activeMenuVersion),
            ),
          )
          .limit(1);
  if (
    truck.activeMenuVersion !== null &&
    active?.menuId === publication.menuId &&
    active.publication === publication.version
  ) {
    return {
      truckId: truck.id,
      truckMenuVersion: truck.activeMenuVersion,
      changed: false,
    };
  }

  const [latest] = await tx
    .select({ version: sql<number | null>`max(${menuVersions.version})` })
    .from(menuVersions)
    .where(eq(menuVersions.truckId, truck.id));
  const truckMenuVersion = Number(latest?.version ?? 0) + 1;

  await tx.insert(menuVersions).values({
    truckId: truck.id,
    version: truckMenuVersion,
    menu: publication.menu,
    importedBy: publication.ownerId,
    menuId: publication.menuId,
    menuPublication: publication.version,
    createdAt: publication.now,
  });
  await tx
    .update(trucks)
    .set({ activeMenuVersion: truckMenuVersion, menuChangeSeq: nextChangeSeq })
    .where(eq(trucks.id, truck.id));
  return { truckId: truck.id, truckMenuVersion, changed: true };
}

/** Writes JSON with object keys sorted, since jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) => {
    if (!nested || typeof nested !== 'object' || Array.isArray(nested)) {
      return nested;
    }
    const entries = Object.entries(nested);
    entries.sort(([a], [b]) => compareCodeUnits(a, b));
    return Object.fromEntries(entries);
  });
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
