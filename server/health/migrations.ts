import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';

import type { Database } from '../db/connection.js';
import { migrationsFolder, queryRows } from '../db/migrate.js';

/**
 * Returns a function that checks whether every migration in drizzle/server
 * is applied to `db`, by comparing drizzle's journal table with the
 * migration files this code ships.
 */
export function createMigrationsCheck(
  db: Database,
  folder: string = migrationsFolder,
): () => Promise<boolean> {
  const known = readMigrationFiles({ migrationsFolder: folder });
  const latestKnown = Math.max(0, ...known.map((entry) => entry.folderMillis));

  return async () => {
    const journal = await queryRows<{ name: string | null }>(
      db,
      sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`,
    );
    if (!journal[0]?.name) return known.length === 0;

    const [applied] = await queryRows<{ latest: string | number | null }>(
      db,
      sql`select max(created_at) as latest from drizzle.__drizzle_migrations`,
    );
    return Number(applied?.latest ?? 0) >= latestKnown;
  };
}
