import { eq, sql } from 'drizzle-orm';

import type { Database } from '../db/connection.js';
import { queryRows } from '../db/migrate.js';
import { availability, organizations, staff, trucks } from '../db/schema.js';

/**
 * The change sequence values of everything a truck's terminals pull. Each
 * is 0 when that part never changed.
 */
export interface TruckChangeState {
  menu: bigint;
  info: bigint;
  settings: bigint;
  staff: bigint;
  availability: bigint;
  /** The greatest of the above: the truck's own cursor. */
  latest: bigint;
}

export async function readTruckChangeState(
  db: Database,
  truckId: string,
): Promise<TruckChangeState | undefined> {
  const [row] = await db
    .select({
      menu: trucks.menuChangeSeq,
      info: trucks.infoChangeSeq,
      settings: organizations.settingsChangeSeq,
      staff: sql<string | null>`(select max(${staff.changeSeq}) from ${staff}
        where ${staff.organizationId} = ${trucks.organizationId})`,
      availability: sql<string | null>`(select max(${availability.changeSeq})
        from ${availability} where ${availability.truckId} = ${trucks.id})`,
    })
    .from(trucks)
    .innerJoin(organizations, eq(organizations.id, trucks.organizationId))
    .where(eq(trucks.id, truckId))
    .limit(1);
  if (!row) return undefined;

  const state = {
    menu: BigInt(row.menu ?? 0),
    info: BigInt(row.info ?? 0),
    settings: BigInt(row.settings ?? 0),
    staff: BigInt(row.staff ?? 0),
    availability: BigInt(row.availability ?? 0),
  };
  const latest = Object.values(state).reduce((a, b) => (b > a ? b : a), 0n);
  return { ...state, latest };
}

/**
 * Returns the cursor to compare against. A cursor beyond anything this
 * server has issued comes from another database (for example, one before a
 * restore from backup), so it counts as 0 and the terminal gets the current
 * state again.
 */
export async function effectiveCursor(
  db: Database,
  cursor: bigint,
): Promise<bigint> {
  if (cursor === 0n) return 0n;

  const [row] = await queryRows<{ last: string | number | bigint }>(
    db,
    sql`select last_value as last from galley_change_seq`,
  );
  return cursor > BigInt(row?.last ?? 0) ? 0n : cursor;
}
