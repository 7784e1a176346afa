import { eq } from 'drizzle-orm';

import {
  pinHashParamsSchema,
  type OrganizationSettings,
  type StaffRole,
  type SyncedStaff,
} from '../../../shared/staff.js';
import type { TerminalDb } from '../db/open-database.js';
import { readSettings, updateSettings } from '../db/settings-store.js';
import { pinLockout, staff } from '../db/schema.js';
import type { PinMaterial } from './pin-verifier.js';

export interface StoredStaff extends PinMaterial {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
}

/**
 * Replaces the stored staff with the full list from sync.pull, which always
 * sends every staff member of the organisation, inactive ones included.
 */
export function replaceStaff(db: TerminalDb, members: SyncedStaff[]): void {
  db.transaction((tx) => {
    tx.delete(staff).run();
    for (const member of members) {
      tx.insert(staff)
        .values({
          id: member.id,
          name: member.name,
          role: member.role,
          active: member.active,
          pinHash: member.pinHash,
          pinSalt: member.pinSalt,
          pinParamsJson: JSON.stringify(member.pinParams),
        })
        .run();
    }
  });
}

export function storeOrganizationSettings(
  db: TerminalDb,
  organization: OrganizationSettings,
): void {
  updateSettings(db, {
    discountLimitPercent: organization.discountLimitPercent,
    idleLockSeconds: organization.idleLockSeconds,
  });
}

export function readOrganizationSettings(db: TerminalDb): OrganizationSettings {
  const row = readSettings(db);
  return {
    discountLimitPercent: row.discountLimitPercent,
    idleLockSeconds: row.idleLockSeconds,
  };
}

/** Active staff members, whose PINs may sign in. */
export function readActiveStaff(db: TerminalDb): StoredStaff[] {
  return db
    .select()
    .from(staff)
    .where(eq(staff.active, true))
    .all()
    .map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      active: row.active,
      pinHash: row.pinHash,
      pinSalt: row.pinSalt,
      pinParams: pinHashParamsSchema.parse(JSON.parse(row.pinParamsJson)),
    }));
}

/** Checks whether any staff record arrived yet. Before that, orders need no sign-in. */
export function hasStaffRecords(db: TerminalDb): boolean {
  return db.select({ id: staff.id }).from(staff).limit(1).get() !== undefined;
}

export interface LockoutState {
  failedAttempts: number;
  lockedUntil: string | null;
}

export function readLockout(db: TerminalDb): LockoutState {
  const row = db.select().from(pinLockout).where(eq(pinLockout.id, 1)).get();
  return {
    failedAttempts: row?.failedAttempts ?? 0,
    lockedUntil: row?.lockedUntil ?? null,
  };
}

export function writeLockout(db: TerminalDb, state: LockoutState): void {
  db.insert(pinLockout)
    .values({ id: 1, ...state })
    .onConflictDoUpdate({ target: pinLockout.id, set: state })
    .run();
}
