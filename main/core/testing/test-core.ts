import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pino from 'pino';

import { menuSchema } from '../../../shared/menu.js';
import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import { localRouter } from '../api/router.js';
import { storeMenu } from '../db/menu-store.js';
import { updateSettings } from '../db/settings-store.js';
import {
  openTerminalCore,
  type TerminalCore,
  type TerminalCoreOptions,
} from '../terminal-core.js';

export const silentLogger = pino({ level: 'silent' });

export function makeTempDir(prefix = 'galley-core-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Opens a core on a temp dir with a silent logger and no sync loop. */
export function openTestCore(
  overrides: Partial<TerminalCoreOptions> = {},
): TerminalCore {
  return openTerminalCore({
    dataDir: overrides.dataDir ?? makeTempDir(),
    logger: silentLogger,
    startSync: false,
    ...overrides,
  });
}

/**
 * Puts a core in the state pairing and the first pull leave behind, without
 * a server: settings of a paired device and one fixture menu as version 1.
 */
export function seedPairedTerminal(
  core: TerminalCore,
  options: {
    menuName?: string;
    slot?: number;
    timezone?: string;
    serverUrl?: string;
    menuVersion?: number;
  } = {},
): void {
  const menu = menuSchema.parse(
    loadFixtureMenu(options.menuName ?? 'taco-truck'),
  );
  updateSettings(core.database.db, {
    serverUrl: options.serverUrl ?? 'http://127.0.0.1:9',
    deviceId: '0190a6d2-0000-7000-8000-000000000001',
    deviceName: 'test terminal',
    deviceToken: 'test-device-token',
    organizationName: 'Test Org',
    truckId: '0190a6d2-0000-7000-8000-0000000000aa',
    truckName: 'Test Truck',
    truckTimezone: options.timezone ?? 'America/New_York',
    slot: options.slot ?? 0,
  });
  storeMenu(
    core.database.db,
    options.menuVersion ?? 1,
    menu,
    new Date().toISOString(),
  );
  core.reloadOrderContext();
}

/** Creates a tRPC caller over the local router, as the adapters call it. */
export function localCaller(core: TerminalCore) {
  return localRouter.createCaller({ core });
}

export function tableCounts(core: TerminalCore): Record<string, number> {
  const tables = [
    'orders',
    'order_lines',
    'payments',
    'outbox',
    'daily_counters',
  ];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      (
        core.database.sqlite
          .prepare(`SELECT count(*) AS count FROM ${table}`)
          .get() as {
          count: number;
        }
      ).count,
    ]),
  );
}
