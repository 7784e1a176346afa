import { chmod, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';

import type { StoreConfig } from '../db/connection.js';
import { acquireStoreLock } from '../db/store-lock.js';
import { postgresTarget, runTool } from './postgres-tools.js';

export const defaultBackupDir = 'backups';

export interface Backup {
  file: string;
  bytes: number;
  kind: 'postgres' | 'pglite';
}

/** File name suffixes; `db:restore` picks the method by them. */
export const postgresBackupSuffix = '.dump';
export const pgliteBackupSuffix = '.pglite.tar.gz';

/**
 * Backs up the store into `backupDir` under a time-stamped name:
 * `pg_dump --format=custom` for PostgreSQL, PGlite's own data directory
 * dump for the embedded store. The file is written under a temporary name
 * and renamed when complete, so a file with the final name is never
 * partial.
 */
export async function backupDatabase(
  store: StoreConfig,
  options: { backupDir?: string; now?: Date; label?: string } = {},
): Promise<Backup> {
  const backupDir = path.resolve(options.backupDir ?? defaultBackupDir);
  // Backups contain password, token and PIN hashes, so only the owner of
  // the server's account may read them.
  await mkdir(backupDir, { recursive: true, mode: 0o700 });

  const kind = 'databaseUrl' in store ? 'postgres' : 'pglite';
  const suffix =
    kind === 'postgres' ? postgresBackupSuffix : pgliteBackupSuffix;
  const label = options.label ? `-${options.label}` : '';
  const file = path.join(
    backupDir,
    `galley-${timestamp(options.now ?? new Date())}${label}${suffix}`,
  );
  const partial = `${file}.partial`;

  try {
    if ('databaseUrl' in store) {
      const target = postgresTarget(store.databaseUrl);
      await runTool(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          `--file=${partial}`,
          `--dbname=${target.url}`,
        ],
        target,
      );
    } else {
      await dumpPglite(store.dataDir, partial);
    }
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }

  const { size } = await stat(file);
  return { file, bytes: size, kind };
}

/**
 * Dumps the embedded store. The store lock is taken first, so the dump
 * can only run while no server has the store open, which makes it a
 * consistent copy.
 */
async function dumpPglite(dataDir: string, outFile: string): Promise<void> {
  const root = path.resolve(dataDir);
  const pgliteDir = path.join(root, 'pglite');
  await assertPgliteStore(pgliteDir);

  const lock = await acquireStoreLock(root);
  try {
    const client = await PGlite.create(pgliteDir);
    try {
      const dump = await client.dumpDataDir('gzip');
      await writeFile(outFile, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  } finally {
    await lock.release();
  }
}

export async function assertPgliteStore(pgliteDir: string): Promise<void> {
  const found = await stat(path.join(pgliteDir, 'PG_VERSION')).catch(
    () => null,
  );
  if (!found) {
    throw new Error(
      `No embedded Galley store at ${path.dirname(pgliteDir)}. Pass the server's ` +
        '--data-dir, or set DATABASE_URL for PostgreSQL.',
    );
  }
}

/** True when `dataDir` contains an embedded store that was opened at least once. */
export async function pgliteStoreExists(dataDir: string): Promise<boolean> {
  const found = await stat(
    path.join(path.resolve(dataDir), 'pglite', 'PG_VERSION'),
  ).catch(() => null);
  return found !== null;
}

/** `2026-12-04T16:20:05.123Z` becomes `20261204T162005123Z`. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}
