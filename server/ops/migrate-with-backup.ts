import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Logger } from 'pino';

import { openDatabase, type StoreConfig } from '../db/connection.js';
import { migrationsFolder, queryRows } from '../db/migrate.js';
import { backupDatabase, pgliteStoreExists, type Backup } from './backup.js';

export class BackupFailedError extends Error {
  override name = 'BackupFailedError';
}

export interface MigrationResult {
  /** Null only for an embedded store that did not exist yet. */
  backup: Backup | null;
  applied: number;
  known: number;
}

/**
 * Backs up the store, then applies the drizzle migrations in
 * drizzle/server. A failed backup stops everything before any migration
 * runs. Migration itself is the server's own code path (the one every
 * server start uses), including its lock against concurrent migrators and
 * its refusal of a database migrated by a newer release.
 */
export async function migrateWithBackup(
  store: StoreConfig,
  options: { backupDir?: string; logger: Logger },
): Promise<MigrationResult> {
  let backup: Backup | null = null;
  if ('databaseUrl' in store || (await pgliteStoreExists(store.dataDir))) {
    try {
      backup = await backupDatabase(store, {
        backupDir: options.backupDir,
        label: 'before-migrate',
      });
    } catch (error) {
      throw new BackupFailedError(
        `The backup failed, so no migration was applied: ${(error as Error).message} ` +
          'Fix the backup (disk space, permissions, --backup-dir) and run npm run db:migrate again.',
      );
    }
  }

  const handle = await openDatabase(store, options.logger);
  try {
    const [row] = await queryRows<{ count: string | number }>(
      handle.db,
      sql`select count(*) as count from drizzle.__drizzle_migrations`,
    );
    return {
      backup,
      applied: Number(row?.count ?? 0),
      known: readMigrationFiles({ migrationsFolder }).length,
    };
  } finally {
    await handle.close();
  }
}
