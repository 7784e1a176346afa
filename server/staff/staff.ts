import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../shared/errors.js';
import type {
  PinHashParams,
  StaffMember,
  StaffRole,
  SyncedStaff,
} from '../../shared/staff.js';
import {
  nextChangeSeq,
  runOrganizationWrite,
  type WriteDeps,
} from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { staff } from '../db/schema.js';
import { hashPin } from './pins.js';

type StaffRow = typeof staff.$inferSelect;

/**
 * Staff members of an organisation. Every write takes a new change
 * sequence value, so the organisation's terminals pull the staff list again.
 * PINs are not unique: at the counter a person picks their name, then
 * types their PIN.
 */
export async function listStaff(
  db: Database,
  organizationId: string,
): Promise<StaffMember[]> {
  const rows = await db
    .select()
    .from(staff)
    .where(eq(staff.organizationId, organizationId))
    .orderBy(asc(staff.createdAt), asc(staff.id));
  return rows.map(toStaffMember);
}

/** Lists the staff as terminals receive them, PIN hashes included. */
export async function listSyncedStaff(
  db: Database,
  organizationId: string,
): Promise<SyncedStaff[]> {
  const rows = await db
    .select()
    .from(staff)
    .where(eq(staff.organizationId, organizationId))
    .orderBy(asc(staff.createdAt), asc(staff.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    active: row.active,
    pinHash: row.pinHash,
    pinSalt: row.pinSalt,
    pinParams: row.pinParams as PinHashParams,
  }));
}

export async function createStaff(
  deps: WriteDeps,
  organizationId: string,
  input: { name: string; role: StaffRole; pin: string },
  now: Date,
): Promise<StaffMember> {
  const pin = await hashPin(input.pin);
  return runOrganizationWrite(deps, organizationId, async (tx) => {
    const [row] = await tx
      .insert(staff)
      .values({
        id: uuidv7(),
        organizationId,
        name: input.name,
        role: input.role,
        ...pin,
        changeSeq: nextChangeSeq,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return toStaffMember(row!);
  });
}

/** Changes a staff member's name, role or active flag. */
export async function updateStaff(
  deps: WriteDeps,
  organizationId: string,
  staffId: string,
  changes: { name?: string; role?: StaffRole; active?: boolean },
  now: Date,
): Promise<StaffMember> {
  return runOrganizationWrite(deps, organizationId, async (tx) => {
    await getOwnedStaff(tx, organizationId, staffId);
    const [row] = await tx
      .update(staff)
      .set({ ...changes, changeSeq: nextChangeSeq, updatedAt: now })
      .where(eq(staff.id, staffId))
      .returning();
    return toStaffMember(row!);
  });
}

/** Replaces a PIN, with a new salt. */
export async function setStaffPin(
  deps: WriteDeps,
  organizationId: string,
  staffId: string,
  newPin: string,
  now: Date,
): Promise<StaffMember> {
  const pin = await hashPin(newPin);
  return runOrganizationWrite(deps, organizationId, async (tx) => {
    await getOwnedStaff(tx, organizationId, staffId);
    const [row] = await tx
      .update(staff)
      .set({ ...pin, changeSeq: nextChangeSeq, updatedAt: now })
      .where(eq(staff.id, staffId))
      .returning();
    return toStaffMember(row!);
  });
}

/**
 * Loads a staff member of the caller's organisation; one of another
 * organisation reads exactly like a missing one.
 */
export async function getOwnedStaff(
  db: Database,
  organizationId: string,
  staffId: string,
): Promise<StaffRow> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.organizationId, organizationId)))
    .limit(1);
  if (!row) {
    throw new GalleyError(
      'NOT_FOUND',
      `Staff member ${staffId} was not found. List your staff to get the id.`,
      { field: 'staffId' },
    );
  }
  return row;
}

function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
