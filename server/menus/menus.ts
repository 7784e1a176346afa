import { and, eq } from 'drizzle-orm';

import type { Menu } from '../../shared/menu.js';
import type { Database } from '../db/connection.js';
import { menuVersions } from '../db/schema.js';

export interface MenuVersion {
  version: number;
  menu: Menu;
}

/** Loads one of a truck's immutable menu versions, by its truck number. */
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
