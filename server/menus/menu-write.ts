import {
  runOrganizationWrite,
  type WriteDeps,
} from '../changes/organization-write.js';
import { invalidateMenu } from '../cache/cached-menus.js';
import { invalidateTruckList } from '../cache/cached-trucks.js';
import type { Database } from '../db/connection.js';

/** A menu write's result and the trucks whose active menu it replaced. */
export interface MenuWriteOutcome<T> {
  value: T;
  trucksWithNewMenu: string[];
}

/**
 * Runs a menu write. This is the one path of every menu write (drafts, publishing, imports): one
 * transaction under the organisation lock, then a wake-up for waiting
 * terminals. Anything cached about a truck's active menu is stale for the
 * trucks in `trucksWithNewMenu` once this returns.
 */
export async function runMenuWrite<T>(
  deps: WriteDeps,
  organizationId: string,
  write: (tx: Database) => Promise<MenuWriteOutcome<T>>,
): Promise<T> {
  const outcome = await runOrganizationWrite(deps, organizationId, write);
  if (deps.cache && outcome.trucksWithNewMenu.length > 0) {
    for (const truckId of outcome.trucksWithNewMenu) {
      await invalidateMenu(deps.cache, truckId);
    }
    // The truck list shows each truck's menu version.
    await invalidateTruckList(deps.cache, organizationId);
  }
  return outcome.value;
}
