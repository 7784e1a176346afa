import { eq } from 'drizzle-orm';

import type { TruckInfo } from '../../../shared/sync.js';
import type { TerminalDb } from './open-database.js';
import { settings } from './schema.js';

export type TerminalSettings = typeof settings.$inferSelect;
export type SettingsPatch = Partial<Omit<TerminalSettings, 'id'>>;

const settingsRowId = 1;

/** Reads the settings row, creating the empty row on a new database. */
export function readSettings(db: TerminalDb): TerminalSettings {
  const row = db.select().from(settings).where(eq(settings.id, 1)).get();
  if (row) return row;

  db.insert(settings).values({ id: settingsRowId }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.id, 1)).get()!;
}

export function updateSettings(db: TerminalDb, patch: SettingsPatch): void {
  readSettings(db);
  db.update(settings).set(patch).where(eq(settings.id, settingsRowId)).run();
}

export function isPaired(row: TerminalSettings): boolean {
  return row.deviceToken !== null && row.serverUrl !== null;
}

export function truckOf(row: TerminalSettings): TruckInfo | null {
  if (!row.truckId || !row.truckName || !row.truckTimezone) return null;
  return { id: row.truckId, name: row.truckName, timezone: row.truckTimezone };
}
