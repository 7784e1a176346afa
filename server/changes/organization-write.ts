import { eq, sql } from 'drizzle-orm';

import type { FailSoftCache } from '../cache/fail-soft-cache.js';
import type { Database } from '../db/connection.js';
import { organizations } from '../db/schema.js';
import type { ChangeFeed } from './change-feed.js';

/** Dependencies of a write besides its input: the database and the change feed. */
export interface WriteDeps {
  db: Database;
  changes: ChangeFeed;
  /** When set, truck and menu writes delete the cache keys they make stale. */
  cache?: FailSoftCache;
}

/** The next value of the change sequence, for use inside a write. */
export const nextChangeSeq = sql`nextval('galley_change_seq')`;

/**
 * Runs a write that terminals will pull, in one transaction, then wakes
 * waiting terminals of the organisation.
 *
 * The organisation row is locked before anything else, so the writes of one
 * organisation take change sequence values in commit order. Without that, a
 * pull could see value 11 committed while 10 was still open, return cursor
 * 11, and never deliver 10.
 */
export async function runOrganizationWrite<T>(
  deps: WriteDeps,
  organizationId: string,
  write: (tx: Database) => Promise<T>,
): Promise<T> {
  const result = await deps.db.transaction(async (tx) => {
    await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for('update');
    return write(tx as unknown as Database);
  });
  await deps.changes.publish(organizationId);
  return result;
}
