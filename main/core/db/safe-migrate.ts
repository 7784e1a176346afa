import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';

import type Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import { GalleyError } from '../../../shared/errors.js';
import type { TerminalDb } from './open-database.js';

export const migrationsTable = '__drizzle_migrations';
export const backupsFolderName = 'backups';

/** Backups taken before migrations that are kept; older ones are deleted. */
const backupsKept = 5;

interface Journal {
  entries: { when: number; tag: string }[];
}

/** A database's place in the migration history. */
export interface SchemaState {
  /** created_at of the newest applied migration, null on a new file. */
  appliedAt: number | null;
  /** PRAGMA user_version: the number of migrations applied (0 before any). */
  userVersion: number;
}

export function readSchemaState(sqlite: Database.Database): SchemaState {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(migrationsTable);
  const row = table
    ? (sqlite
        .prepare(
          `SELECT created_at AS createdAt FROM ${migrationsTable} ORDER BY created_at DESC LIMIT 1`,
        )
        .get() as { createdAt: number } | undefined)
    : undefined;
  return {
    appliedAt: row ? Number(row.createdAt) : null,
    userVersion: sqlite.pragma('user_version', { simple: true }) as number,
  };
}

/**
 * Rejects a database that a newer build migrated: its newest migration is
 * later than any migration of this build, or its user_version stamp counts more
 * migrations. This code would misread its tables, and migrating would
 * downgrade nothing, so the file is left untouched.
 */
export function rejectNewerSchema(
  state: SchemaState,
  journal: Journal,
  file: string,
): void {
  const newestKnown = Math.max(0, ...journal.entries.map((e) => e.when));
  const newerByTime = state.appliedAt !== null && state.appliedAt > newestKnown;
  const newerByStamp = state.userVersion > journal.entries.length;
  if (newerByTime || newerByStamp) {
    throw new GalleyError(
      'PRECONDITION_FAILED',
      `The database ${file} was written by a newer Galley version (schema ${state.userVersion}, ` +
        `this version knows ${journal.entries.length}). It was not opened or changed. ` +
        'Update this terminal before opening it.',
    );
  }
}

/** Lists the migrations of the journal that the database has not applied. */
export function pendingMigrations(
  state: SchemaState,
  journal: Journal,
): string[] {
  return journal.entries
    .filter((entry) => state.appliedAt === null || entry.when > state.appliedAt)
    .map((entry) => entry.tag);
}

/**
 * Applies pending migrations. A database that already has tables is first
 * copied to DIR/backups with VACUUM INTO, which writes a consistent copy
 * on the open connection (better-sqlite3's backup() is asynchronous and
 * opening the core is not). drizzle runs all migrations in one transaction,
 * so a failing one rolls back the others. If the file still changed, the
 * backup is copied back. Either way the error names the backup.
 */
export function migrateWithBackup(options: {
  sqlite: Database.Database;
  db: TerminalDb;
  file: string;
  migrationsFolder: string;
  journal: Journal;
  now?: () => Date;
}): { applied: string[]; backupFile: string | null } {
  const { sqlite, db, file, migrationsFolder, journal } = options;
  const before = readSchemaState(sqlite);
  const pending = pendingMigrations(before, journal);
  if (pending.length === 0) {
    stampUserVersion(sqlite, journal);
    return { applied: [], backupFile: null };
  }

  const backupFile =
    before.appliedAt === null
      ? null
      : backupBeforeMigrating(sqlite, file, options.now?.() ?? new Date());

  try {
    migrate(db, { migrationsFolder, migrationsTable });
  } catch (error) {
    const after = readSchemaState(sqlite);
    const changed = after.appliedAt !== before.appliedAt;
    throw new MigrationFailedError(file, pending, backupFile, changed, error);
  }
  stampUserVersion(sqlite, journal);
  return { applied: pending, backupFile };
}

function stampUserVersion(sqlite: Database.Database, journal: Journal): void {
  const count = journal.entries.length;
  if (sqlite.pragma('user_version', { simple: true }) !== count) {
    sqlite.pragma(`user_version = ${count}`);
  }
}

function backupBeforeMigrating(
  sqlite: Database.Database,
  file: string,
  now: Date,
): string {
  const folder = path.join(path.dirname(file), backupsFolderName);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(folder, `${path.basename(file)}.${stamp}.bak`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  pruneBackups(folder, path.basename(file));
  return target;
}

function pruneBackups(folder: string, baseName: string): void {
  const backups = readdirSync(folder)
    .filter((name) => name.startsWith(`${baseName}.`) && name.endsWith('.bak'))
    .sort();
  for (const name of backups.slice(0, -backupsKept)) {
    rmSync(path.join(folder, name), { force: true });
  }
}

/**
 * A migration failed. `restoreNeeded` is true when the file changed despite
 * the rollback; the caller copies the backup back after closing the file.
 */
export class MigrationFailedError extends GalleyError {
  constructor(
    readonly file: string,
    readonly pending: string[],
    readonly backupFile: string | null,
    readonly restoreNeeded: boolean,
    cause: unknown,
  ) {
    const reason = innermostMessage(cause);
    super(
      'INTERNAL_SERVER_ERROR',
      `Updating the terminal database ${file} failed (migrations ${pending.join(', ')}): ${reason}. ` +
        'The update was rolled back and the database is as it was before' +
        (backupFile ? `, with a copy at ${backupFile}` : '') +
        '. Send a diagnostics export to support.',
      { cause },
    );
    this.name = 'MigrationFailedError';
  }
}

/**
 * drizzle wraps SQLite's error as "Failed to run the query ...", so the
 * innermost cause is the one that describes the failure.
 */
function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) {
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/** Copies a pre-migration backup over a closed database file. */
export function restoreBackup(backupFile: string, file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) rmSync(file + suffix, { force: true });
  }
  copyFileSync(backupFile, file);
}
