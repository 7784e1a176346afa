import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import Database from 'better-sqlite3';

import {
  unsyncedOrdersFormat,
  type UnsyncedOrdersFile,
} from '../../../shared/unsynced-orders.js';
import { logsFolderName } from '../logger.js';
import { databaseFileName } from '../terminal-core.js';
import { collectDiagnostics, type DiagnosticsBundle } from './diagnostics.js';
import { writeTar, type TarEntry } from './tar.js';

export const unsyncedOrdersFileName = 'unsynced-orders.json';

/**
 * Builds the support archive (.tar.gz) of a data directory:
 * diagnostics.json (versions, redacted settings, database statistics and
 * integrity check, outbox depth, recent sync attempts), the log files of
 * DIR/logs, and unsynced-orders.json, which support.importUnsyncedOrders
 * on the server takes as it is. It reads the database on a read-only
 * connection, so it works while the terminal runs.
 *
 * Secrets stay out: the settings are listed field by field without the
 * device token, log lines are redacted when written, and order snapshots
 * have no note field. The API token file is never read.
 */
export function buildDiagnosticsArchive(
  dataDir: string,
  options: { migrationsFolder?: string; now?: Date } = {},
): { archive: Buffer; bundle: DiagnosticsBundle; unsyncedEntries: number } {
  const now = options.now ?? new Date();
  const bundle = collectDiagnostics(dataDir, options);
  const unsynced = readUnsyncedOrders(dataDir, bundle, now);

  const entries: TarEntry[] = [
    jsonEntry('diagnostics.json', bundle, now),
    jsonEntry(unsyncedOrdersFileName, unsynced, now),
    ...logEntries(dataDir, now),
  ];
  return {
    archive: gzipSync(writeTar(entries)),
    bundle,
    unsyncedEntries: unsynced.entries.length,
  };
}

/** Writes the archive to a file readable by the owner only. */
export function writeDiagnosticsArchive(
  dataDir: string,
  outFile: string,
  options: { migrationsFolder?: string } = {},
): { bundle: DiagnosticsBundle; unsyncedEntries: number; bytes: number } {
  const { archive, bundle, unsyncedEntries } = buildDiagnosticsArchive(
    dataDir,
    options,
  );
  writeFileSync(outFile, archive, { mode: 0o600 });
  return { bundle, unsyncedEntries, bytes: archive.length };
}

function jsonEntry(name: string, value: unknown, mtime: Date): TarEntry {
  return {
    name,
    data: Buffer.from(`${JSON.stringify(value, null, 2)}\n`),
    mtime,
  };
}

function readUnsyncedOrders(
  dataDir: string,
  bundle: DiagnosticsBundle,
  now: Date,
): UnsyncedOrdersFile & { note: string } {
  const header: Omit<UnsyncedOrdersFile, 'entries'> & { note: string } = {
    format: unsyncedOrdersFormat,
    note: 'Outbox entries this terminal had not synced. Import with the server procedure support.importUnsyncedOrders; importing twice adds nothing.',
    exportedAt: now.toISOString(),
    deviceId:
      bundle.settings.deviceId ?? '00000000-0000-0000-0000-000000000000',
    truckId: bundle.settings.truck.id,
  };
  // An unreadable database has no entries to give; diagnostics.json says why.
  if (bundle.databaseError) return { ...header, entries: [] };

  const sqlite = new Database(path.join(dataDir, databaseFileName), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // Columns every schema version has, so that the archive can be taken
    // from a data folder this version of the app has not migrated yet.
    // Dismissed entries are left out: a manager decided they are not sales
    // to recover. diagnostics.json lists them.
    const rows = sqlite
      .prepare(
        `SELECT id, kind, created_at AS createdAt, payload_json AS payloadJson,
           state, last_error_message AS errorMessage
         FROM outbox WHERE state IN ('pending', 'rejected') ORDER BY id`,
      )
      .all() as {
      id: string;
      kind: string;
      createdAt: string;
      payloadJson: string;
      state: string;
      errorMessage: string | null;
    }[];
    const entries = rows.map(({ payloadJson, ...row }) => ({
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      payload: JSON.parse(payloadJson) as unknown,
      state: row.state,
      errorMessage: row.errorMessage,
    }));
    return { ...header, entries };
  } finally {
    sqlite.close();
  }
}

/** Reads the log files into archive entries under logs/. */
function logEntries(dataDir: string, mtime: Date): TarEntry[] {
  const folder = path.join(dataDir, logsFolderName);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /^[\w.-]+\.log(\.\d+)?$/.test(name))
    .sort()
    .map((name) => ({
      name: `logs/${name}`,
      data: readFileSync(path.join(folder, name)),
      mtime,
    }));
}
