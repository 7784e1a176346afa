import type { PullOutput } from '../../../shared/sync.js';
import type { AvailabilityStore } from '../availability/availability-store.js';
import type { TerminalDb } from '../db/open-database.js';
import { updateSettings } from '../db/settings-store.js';
import {
  replaceStaff,
  storeOrganizationSettings,
} from '../staff/staff-store.js';
import type { ServerClient } from './server-client.js';

/**
 * Stores what a pull brings besides the menu: the truck's business-day
 * cut-off, the staff with their PIN hashes, the organisation's settings and
 * the sold-out marks. Each part is a full replacement or a merge by
 * changedAt, so applying the same pull twice changes nothing.
 */
export function applyPullExtras(
  db: TerminalDb,
  availability: AvailabilityStore,
  output: PullOutput,
): void {
  db.transaction((tx) => {
    const store = tx as TerminalDb;
    updateSettings(store, {
      truckBusinessDayCutoff: output.truck.businessDayCutoff,
    });
    if (output.staff) replaceStaff(store, output.staff);
    if (output.settings) storeOrganizationSettings(store, output.settings);
  });
  if (output.availability) availability.mergePulled(output.availability);
}

/**
 * Wraps a server client so that each successful pull is stored by
 * `onPull` before the sync engine stores the menu and moves the cursor. If
 * the engine then fails, the next pull applies the same data again.
 */
export function withPullExtras(
  client: ServerClient,
  onPull: (output: PullOutput) => void,
): ServerClient {
  return {
    ...client,
    pull: async (cursor) => {
      const output = await client.pull(cursor);
      onPull(output);
      return output;
    },
  };
}
