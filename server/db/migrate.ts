import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from 'pino';

import { GalleyError } from '../../shared/errors.js';
import type { Database, DatabaseHandle, StoreConfig } from './connection.js';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../drizzle/server',
);

/**
 * Any constant works as long as every Galley server uses the same one: it
 * keeps two servers starting on one PostgreSQL from migrating at once.
 */
const migrationLockKey = 7_210_001;

/**
 * Applies the drizzle migrations in drizzle/server. A database migrated by
 * a newer release is rejected rather than run with a schema this code does
 * not know.
 */
export async function migrateDatabase(
  handle: DatabaseHandle,
  config: StoreConfig,
  logger: Logger,
): Promise<void> {
  const log = logger.child({ module: 'migrate' });

  if ('databaseUrl' in config) {
    await migratePostgres(config.databaseUrl);
  } else {
    await rejectNewerDatabase(handle.db);
    await migratePglite(handle.db as unknown as PgliteDatabase, {
      migrationsFolder,
    });
  }
  log.info({ store: handle.location }, 'Database migrations applied');
}

async function migratePostgres(databaseUrl: string): Promise<void> {
  // The advisory lock belongs to one session, so the check and the
  // migration run on one dedicated connection instead of the pool.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    const db = drizzlePostgres({ client });
    await rejectNewerDatabase(db as unknown as Database);
    await migrateNodePostgres(db, { migrationsFolder });
  } finally {
    await client
      .query('select pg_advisory_unlock($1)', [migrationLockKey])
      .catch(() => undefined);
    await client.end();
  }
}

async function rejectNewerDatabase(db: Database): Promise<void> {
  const known = readMigrationFiles({ migrationsFolder });
  const latestKnown = Math.max(0, ...known.map((entry) => entry.folderMillis));

  const exists = await queryRows<{ name: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`,
  );
  if (!exists[0]?.name) return;

  const applied = await queryRows<{ latest: string | number | null }>(
    db,
    sql`select max(created_at) as latest from drizzle.__drizzle_migrations`,
  );
  const latestApplied = Number(applied[0]?.latest ?? 0);
  if (latestApplied > latestKnown) {
    throw new GalleyError(
      'PRECONDITION_FAILED',
      'The database was migrated by a newer Galley server than this one. ' +
        'Run the newer release, or restore a backup taken before that upgrade.',
    );
  }
}

/** Runs raw SQL and returns its rows, which both drivers put under `rows`. */
export async function queryRows<Row>(
  db: Database,
  query: ReturnType<typeof sql>,
): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
