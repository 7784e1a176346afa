import { and, eq, sql } from 'drizzle-orm';

import type { Menu } from '../../shared/menu.js';
import type { Database } from '../db/connection.js';
import { menuVersions, trucks } from '../db/schema.js';

export interface MenuVersion {
  version: number;
  menu: Menu;
}

/**
 * Stores a validated menu as the truck's next immutable version and makes
 * it active. The truck row is locked first, so concurrent imports get
 * consecutive versions and change sequence values in the same order.
 */
export async function importMenu(
  db: Database,
  params: { truckId: string; ownerId: string; menu: Menu; now: Date },
): Promise<{ version: number }> {
  const { truckId, ownerId, menu, now } = params;

  return db.transaction(async (tx) => {
    await tx
      .select({ id: trucks.id })
      .from(trucks)
      .where(eq(trucks.id, truckId))
      .for('update');

    const [latest] = await tx
      .select({
        version: sql<number | null>`max(${menuVersions.version})`,
      })
      .from(menuVersions)
      .where(eq(menuVersions.truckId, truckId));
    const version = Number(latest?.version ?? 0) + 1;

    await tx.insert(menuVersions).values({
      truckId,
      version,
      menu,
      importedBy: ownerId,
      createdAt: now,
    });
    await tx
      .update(trucks)
      .set({
        activeMenuVersion: version,
        menuChangeSeq: sql`nextval('galley_change_seq')`,
      })
      .where(eq(trucks.id, truckId));

    return { version };
  });
}

export async function loadMenuVersion(
  db: Database,
  truckId: string,
  version: number | null,
): Promise<MenuVersion | null> {
  if (version === null) return null;

  const [row] = await db
    .select({ version: menuVersions.version, menu: menuVersions.menu })
    .from(menuVersions)
    .where(
      and(eq(menuVersions.truckId, truckId), eq(menuVersions.version, version)),
    )
    .limit(1);
  return row ? { version: row.version, menu: row.menu as Menu } : null;
}
