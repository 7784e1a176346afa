import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import {
  drizzle,
  type BetterSQLite3Database,
} from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import { GalleyError } from '../../../shared/errors.js';
import * as schema from './schema.js';

export type TerminalDb = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: TerminalDb;
}

const journalPath = path.join('meta', '_journal.json');
const migrationsTable = '__drizzle_migrations';

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
 * Opens the terminal database with the pragmas every connection needs and
 * applies pending migrations. A database migrated by a newer build is
 * rejected, because this code would misread its tables.
 */
export function openDatabase(
  file: string,
  migrationsFolder: string,
): OpenedDatabase {
  // The database contains the device token, so it is created readable by
  // the owner only. SQLite gives its -wal and -shm files the same mode.
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  const sqlite = new Database(file);
  try {
    applyPragmas(sqlite);
    sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
    const db = drizzle(sqlite, { schema });
    rejectNewerSchema(sqlite, migrationsFolder, file);
    migrate(db, { migrationsFolder, migrationsTable });
    return { sqlite, db };
  } catch (error) {
    sqlite.close();
    throw error;
  }
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

function rejectNewerSchema(
  sqlite: Database.Database,
  migrationsFolder: string,
  file: string,
): void {
  const applied = appliedSchemaVersion(sqlite);
  if (!applied) return;

  const known = readJournal(migrationsFolder).entries.map(
    (entry) => entry.when,
  );
  const newestKnown = Math.max(0, ...known);
  if (Number(applied.createdAt) > newestKnown) {
    throw new GalleyError(
      'PRECONDITION_FAILED',
      `The database ${file} was migrated by a newer Galley version. ` +
        'Update this terminal before opening it.',
    );
  }
}
