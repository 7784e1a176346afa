import { eq } from 'drizzle-orm';

import type { OrganizationSettings } from '../../shared/staff.js';
import {
  nextChangeSeq,
  runOrganizationWrite,
  type WriteDeps,
} from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { organizations } from '../db/schema.js';

export async function getSettings(
  db: Database,
  organizationId: string,
): Promise<OrganizationSettings> {
  const [row] = await db
    .select({
      discountLimitPercent: organizations.discountLimitPercent,
      idleLockSeconds: organizations.idleLockSeconds,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  if (!row) throw new Error(`organization ${organizationId} does not exist`);
  return row;
}

/** Changes the given settings; terminals pull the new values. */
export async function updateSettings(
  deps: WriteDeps,
  organizationId: string,
  changes: Partial<OrganizationSettings>,
): Promise<OrganizationSettings> {
  return runOrganizationWrite(deps, organizationId, async (tx) => {
    const [row] = await tx
      .update(organizations)
      .set({ ...changes, settingsChangeSeq: nextChangeSeq })
      .where(eq(organizations.id, organizationId))
      .returning({
        discountLimitPercent: organizations.discountLimitPercent,
        idleLockSeconds: organizations.idleLockSeconds,
      });
    return row!;
  });
}
