import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';

import * as schema from './schema.js';
import { migrateDatabase } from './migrate.js';
import { acquireStoreLock, type StoreLock } from './store-lock.js';

/** The server's store: an embedded PGlite folder or a PostgreSQL URL. */
export type StoreConfig = { dataDir: string } | { databaseUrl: string };

/** A drizzle database over either driver. Both speak PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Human-readable location without credentials, for logs. */
  location: string;
  /** The driver underneath, set for its kind; metrics time its statements. */
  pool?: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * Opens the store, takes the embedded store's lock, and applies pending
 * migrations before anything else may use it.
 */
export async function openDatabase(
  config: StoreConfig,
  logger: Logger,
): Promise<DatabaseHandle> {
  const handle =
    'databaseUrl' in config
      ? openPostgres(config.databaseUrl, logger)
      : await openPglite(config.dataDir);

  try {
    await migrateDatabase(handle, config, logger);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const lock: StoreLock = await acquireStoreLock(root);

  let client: PGlite;
  try {
    client = await PGlite.create(path.join(root, 'pglite'));
  } catch (error) {
    await lock.release();
    throw error;
  }

  return {
    db: drizzlePglite({ client, schema }) as unknown as Database,
    kind: 'pglite',
    location: root,
    pglite: client,
    async close() {
      try {
        await client.close();
      } finally {
        await lock.release();
      }
    },
  };
}

function openPostgres(databaseUrl: string, logger: Logger): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client can lose its connection at any time. pg reports that on
  // the pool, and without a listener the process would crash.
  pool.on('error', (error) =>
    logger.error({ err: error }, 'PostgreSQL idle client failed'),
  );

  return {
    db: drizzlePostgres({ client: pool, schema }) as unknown as Database,
    kind: 'postgres',
    location: describeUrl(databaseUrl),
    pool,
    async close() {
      await pool.end();
    },
  };
}

/** Drops credentials from a connection URL so that it can be logged. */
export function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.protocol}//${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}
