import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import {
  drizzle,
  type BetterSQLite3Database,
} from 'drizzle-orm/better-sqlite3';

import { GalleyError } from '../../../shared/errors.js';
import {
  migrateWithBackup,
  MigrationFailedError,
  migrationsTable,
  readSchemaState,
  rejectNewerSchema,
  restoreBackup,
} from './safe-migrate.js';
import * as schema from './schema.js';

export type TerminalDb = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: TerminalDb;
}

const journalPath = path.join('meta', '_journal.json');

/**
 * Finds drizzle/terminal. An Electron build may bundle main/ into out/,
 * so the folder is searched upwards from this module, then from the working
 * directory and from Electron's resources folder when there is one.
 */
export function resolveMigrationsFolder(explicit?: string): string {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  if (process.env.GALLEY_TERMINAL_MIGRATIONS) {
    candidates.push(process.env.GALLEY_TERMINAL_MIGRATIONS);
  }
  if (!explicit) {
    for (const start of searchRoots()) {
      let dir = start;
      for (;;) {
        candidates.push(path.join(dir, 'drizzle', 'terminal'));
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
  }

  const found = candidates.find((dir) =>
    existsSync(path.join(dir, journalPath)),
  );
  if (!found) {
    throw new GalleyError(
      'INTERNAL_SERVER_ERROR',
      `Terminal migrations not found (looked in ${candidates.slice(0, 4).join(', ')} and their parents). ` +
        'Pass migrationsFolder or set GALLEY_TERMINAL_MIGRATIONS to the drizzle/terminal folder.',
    );
  }
  return found;
}

function searchRoots(): string[] {
  const roots = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) roots.push(resourcesPath);
  return roots;
}

/**
 * Opens the terminal database: checks its integrity, rejects a file that a
 * newer build wrote, sets the pragmas every connection needs, and applies
 * pending migrations after taking a backup. A damaged or newer file is
 * left exactly as it was.
 */
export function openDatabase(
  file: string,
  migrationsFolder: string,
): OpenedDatabase {
  // The database contains the device token, so it is created readable by
  // the owner only. SQLite gives its -wal and -shm files the same mode.
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  const sqlite = openChecked(file);
  try {
    rejectNewerSchema(
      readSchemaState(sqlite),
      readJournal(migrationsFolder),
      file,
    );
    applyPragmas(sqlite);
    sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
    const db = drizzle(sqlite, { schema });
    migrateWithBackup({
      sqlite,
      db,
      file,
      migrationsFolder,
      journal: readJournal(migrationsFolder),
    });
    return { sqlite, db };
  } catch (error) {
    sqlite.close();
    if (
      error instanceof MigrationFailedError &&
      error.restoreNeeded &&
      error.backupFile
    ) {
      restoreBackup(error.backupFile, file);
    }
    throw error;
  }
}

/**
 * Opens the file and runs PRAGMA quick_check before anything writes to it.
 * SQLite reports some damage as an error on the first read instead of as
 * check rows, so both end in the same refusal.
 */
function openChecked(file: string): Database.Database {
  let sqlite: Database.Database | null = null;
  let problems: string[];
  try {
    sqlite = new Database(file);
    sqlite.pragma('busy_timeout = 5000');
    problems = (sqlite.pragma('quick_check') as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((row) => row !== 'ok');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
      sqlite?.close();
      throw error;
    }
    problems = [(error as Error).message];
  }
  if (problems.length === 0) return sqlite!;

  sqlite?.close();
  throw new GalleyError(
    'PRECONDITION_FAILED',
    `The terminal database ${file} is damaged (integrity check: ${problems.slice(0, 3).join('; ')}). ` +
      'Galley did not open or change it. Keep the file, export diagnostics, and contact support; ' +
      'a copy taken before the last update may be in the backups folder next to it.',
  );
}

/**
 * WAL size, in pages, at which a commit also runs a checkpoint. An order
 * dirties about 15 pages (an estimate: one per table and index it writes),
 * so SQLite's default of 1000 would put a checkpoint and its fsync of the
 * database file into roughly every 65th order. At 4000 pages (16 MB with
 * 4 KB pages) that drops to about every 260th order, and the core's
 * checkpoint timer usually runs first between orders.
 */
export const autoCheckpointPages = 4000;

/** Sets the durability pragmas that every connection to the database needs. */
export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

interface Journal {
  entries: { when: number; tag: string }[];
}

export function readJournal(migrationsFolder: string): Journal {
  return JSON.parse(
    readFileSync(path.join(migrationsFolder, journalPath), 'utf8'),
  ) as Journal;
}

/** Reads the applied migration with the latest timestamp (null on a new file). */
export function appliedSchemaVersion(
  sqlite: Database.Database,
): { createdAt: number; hash: string } | null {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(migrationsTable);
  if (!table) return null;

  const row = sqlite
    .prepare(
      `SELECT created_at AS createdAt, hash FROM ${migrationsTable} ORDER BY created_at DESC LIMIT 1`,
    )
    .get() as { createdAt: number; hash: string } | undefined;
  return row ?? null;
}
