import { eq } from 'drizzle-orm';

import type { CurrentMenu } from '../../../shared/local-api.js';
import { menuSchema, type Menu } from '../../../shared/menu.js';
import type { TerminalDb } from './open-database.js';
import { menus } from './schema.js';

export function readActiveMenu(db: TerminalDb): CurrentMenu | null {
  const row = db
    .select({ version: menus.version, menuJson: menus.menuJson })
    .from(menus)
    .where(eq(menus.active, true))
    .get();
  if (!row) return null;

  return { version: row.version, menu: JSON.parse(row.menuJson) as Menu };
}

/**
 * Stores a menu version from the server and makes it the active one. The
 * menu is checked again here, because an invalid menu would break every
 * order taken against it.
 */
export function storeMenu(
  db: TerminalDb,
  version: number,
  menu: unknown,
  receivedAt: string,
): void {
  const parsed = menuSchema.parse(menu);
  const menuJson = JSON.stringify(parsed);

  db.transaction((tx) => {
    tx.update(menus).set({ active: false }).where(eq(menus.active, true)).run();
    tx.insert(menus)
      .values({ version, menuJson, receivedAt, active: true })
      .onConflictDoUpdate({
        target: menus.version,
        set: { menuJson, receivedAt, active: true },
      })
      .run();
  });
}
