import {
  runOrganizationWrite,
  type WriteDeps,
} from '../changes/organization-write.js';
import { invalidateTruckList } from '../cache/cached-trucks.js';
import type { Database } from '../db/connection.js';

/** A truck write's result and the trucks whose row it changed. */
export interface TruckWriteOutcome<T> {
  value: T;
  changedTruckIds: string[];
}

/**
 * Runs a truck write. This is the one path of every truck write (create, rename, time settings,
 * retire): one transaction under the organisation lock, then a wake-up for
 * waiting terminals. Anything cached about the trucks in `changedTruckIds`,
 * or about the list of active trucks, is stale once this returns.
 */
export async function runTruckWrite<T>(
  deps: WriteDeps,
  organizationId: string,
  write: (tx: Database) => Promise<TruckWriteOutcome<T>>,
): Promise<T> {
  const outcome = await runOrganizationWrite(deps, organizationId, write);
  if (deps.cache) await invalidateTruckList(deps.cache, organizationId);
  return outcome.value;
}
