import { eq, sql } from 'drizzle-orm';

import type { PullOutput } from '../../shared/sync.js';
import type { Database } from '../db/connection.js';
import { queryRows } from '../db/migrate.js';
import { trucks } from '../db/schema.js';
import { loadMenuVersion } from '../menus/menus.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import { toTruckInfo } from '../trucks/trucks.js';

/**
 * Builds a device's pull result: its truck, and the active menu when the menu
 * changed after the cursor. The cursor is a value of the server's change
 * sequence, so terminal clocks play no part.
 */
export async function pullChanges(
  db: Database,
  device: DevicePrincipal,
  cursor: string,
  now: Date,
): Promise<PullOutput> {
  const [truck] = await db
    .select()
    .from(trucks)
    .where(eq(trucks.id, device.truckId))
    .limit(1);
  if (!truck) throw new Error(`device ${device.deviceId} has no truck`);

  const since = await effectiveCursor(db, BigInt(cursor));
  const menuSeq = truck.menuChangeSeq;
  const menuChanged = menuSeq !== null && menuSeq > since;

  return {
    cursor: String(menuChanged ? menuSeq : since),
    truck: toTruckInfo(truck),
    menu: menuChanged
      ? await loadMenuVersion(db, truck.id, truck.activeMenuVersion)
      : null,
    serverTime: now.toISOString(),
  };
}

/**
 * Returns the cursor to compare against. A cursor beyond anything this
 * server has issued comes from another database (for example, one before a
 * restore from backup), so it counts as 0 and the terminal gets the current
 * state again.
 */
async function effectiveCursor(db: Database, cursor: bigint): Promise<bigint> {
  if (cursor === 0n) return 0n;

  const [row] = await queryRows<{ last: string | number | bigint }>(
    db,
    sql`select last_value as last from galley_change_seq`,
  );
  return cursor > BigInt(row?.last ?? 0) ? 0n : cursor;
}
