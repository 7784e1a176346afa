import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

import type { StoreConfig } from '../db/connection.js';
import { acquireStoreLock } from '../db/store-lock.js';
import { assertPgliteStore } from './backup.js';

export interface IndexUsage {
  table: string;
  index: string;
  scans: number;
  tuplesRead: number;
  tuplesFetched: number;
  sizeBytes: number;
}

/** Statistics views count from the last stats reset, not from creation. */
const indexUsageQuery = `
select relname as table,
       indexrelname as index,
       idx_scan as scans,
       idx_tup_read as tuples_read,
       idx_tup_fetch as tuples_fetched,
       pg_relation_size(indexrelid) as size_bytes
  from pg_stat_user_indexes
 order by idx_scan asc, pg_relation_size(indexrelid) desc, relname, indexrelname`;

interface IndexUsageRow {
  table: string;
  index: string;
  scans: string | number;
  tuples_read: string | number;
  tuples_fetched: string | number;
  size_bytes: string | number;
}

/**
 * Runs VACUUM ANALYZE on every table, then reads index usage from
 * pg_stat_user_indexes, least used first. On the embedded store it takes
 * the store lock, so it runs only while the server is stopped.
 */
export async function runMaintenance(
  store: StoreConfig,
): Promise<IndexUsage[]> {
  const rows =
    'databaseUrl' in store
      ? await maintainPostgres(store.databaseUrl)
      : await maintainPglite(store.dataDir);
  return rows.map((row) => ({
    table: row.table,
    index: row.index,
    scans: Number(row.scans),
    tuplesRead: Number(row.tuples_read),
    tuplesFetched: Number(row.tuples_fetched),
    sizeBytes: Number(row.size_bytes),
  }));
}

async function maintainPostgres(databaseUrl: string): Promise<IndexUsageRow[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // VACUUM cannot run inside a transaction block; a plain query is not one.
    await client.query('VACUUM ANALYZE');
    return (await client.query<IndexUsageRow>(indexUsageQuery)).rows;
  } finally {
    await client.end();
  }
}

async function maintainPglite(dataDir: string): Promise<IndexUsageRow[]> {
  const root = path.resolve(dataDir);
  const pgliteDir = path.join(root, 'pglite');
  await assertPgliteStore(pgliteDir);

  const lock = await acquireStoreLock(root);
  try {
    const client = await PGlite.create(pgliteDir);
    try {
      await client.exec('VACUUM ANALYZE');
      return (await client.query<IndexUsageRow>(indexUsageQuery)).rows;
    } finally {
      await client.close();
    }
  } finally {
    await lock.release();
  }
}
