import { eq } from 'drizzle-orm';

import type { PullOutput } from '../../shared/sync.js';
import { listAvailability } from '../availability/availability.js';
import {
  effectiveCursor,
  readTruckChangeState,
} from '../changes/truck-change-state.js';
import { readActiveMenu } from '../cache/cached-menus.js';
import type { FailSoftCache } from '../cache/fail-soft-cache.js';
import type { Database } from '../db/connection.js';
import { trucks } from '../db/schema.js';
import { loadMenuVersion } from '../menus/menus.js';
import { getSettings } from '../organizations/settings.js';
import { listSyncedStaff } from '../staff/staff.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import { toTruckInfo } from '../trucks/trucks.js';

/**
 * Builds a device's pull result: its truck always, and the active menu, the
 * staff list, the settings and the sold-out marks when each changed after
 * the cursor (all of them on a first pull with cursor "0"). The cursor is
 * a value of the server's change sequence, so terminal clocks play no part.
 *
 * The truck row and the change state are read in one transaction, so the
 * returned cursor never claims a change that the payload lacks.
 */
export async function pullChanges(
  db: Database,
  device: DevicePrincipal,
  cursor: string,
  now: Date,
  cache?: FailSoftCache,
): Promise<PullOutput> {
  return db.transaction(
    async (tx) => {
      const reader = tx as unknown as Database;
      const [truck] = await reader
        .select()
        .from(trucks)
        .where(eq(trucks.id, device.truckId))
        .limit(1);
      const state = await readTruckChangeState(reader, device.truckId);
      if (!truck || !state) {
        throw new Error(`device ${device.deviceId} has no truck`);
      }

      const since = await effectiveCursor(reader, BigInt(cursor));
      const changed = (seq: bigint) => since === 0n || seq > since;
      const menuChanged = state.menu > since;
      // The cache is checked against the active version read in this
      // transaction, so a cached menu never disagrees with the cursor.
      const loadMenu = () =>
        loadMenuVersion(reader, truck.id, truck.activeMenuVersion);

      return {
        cursor: String(state.latest > since ? state.latest : since),
        truck: toTruckInfo(truck),
        menu: !menuChanged
          ? null
          : cache
            ? await readActiveMenu(
                cache,
                truck.id,
                truck.activeMenuVersion,
                loadMenu,
              )
            : await loadMenu(),
        ...(changed(state.staff)
          ? { staff: await listSyncedStaff(reader, truck.organizationId) }
          : {}),
        ...(changed(state.settings)
          ? { settings: await getSettings(reader, truck.organizationId) }
          : {}),
        ...(changed(state.availability)
          ? { availability: await listAvailability(reader, truck, now) }
          : {}),
        serverTime: now.toISOString(),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
