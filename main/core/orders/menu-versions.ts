import { eq } from 'drizzle-orm';

import type { CurrentMenu } from '../../../shared/local-api.js';
import type { Menu } from '../../../shared/menu.js';
import type { TerminalDb } from '../db/open-database.js';
import { menus } from '../db/schema.js';

/** One stored menu version, active or not; null when it never arrived here. */
export function readStoredMenu(
  db: TerminalDb,
  version: number,
): CurrentMenu | null {
  const row = db
    .select({ version: menus.version, menuJson: menus.menuJson })
    .from(menus)
    .where(eq(menus.version, version))
    .get();
  if (!row) return null;
  return { version: row.version, menu: JSON.parse(row.menuJson) as Menu };
}
