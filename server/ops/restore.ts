import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

import { PGlite } from '@electric-sql/pglite';

import type { StoreConfig } from '../db/connection.js';
import { acquireStoreLock } from '../db/store-lock.js';
import {
  backupDatabase,
  pgliteBackupSuffix,
  postgresBackupSuffix,
  pgliteStoreExists,
  timestamp,
  type Backup,
} from './backup.js';
import { postgresTarget, runTool } from './postgres-tools.js';

/**
 * Drops what a restore replaces. It runs in the same transaction as the
 * restored SQL, so a restore that fails leaves the database as it was.
 */
const replaceSchemas = `
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS drizzle CASCADE;
DROP SCHEMA IF EXISTS public CASCADE;
CREATE SCHEMA public;
`;

const abortStatement =
  "\nDO $$ BEGIN RAISE EXCEPTION 'pg_restore failed; nothing was restored'; END $$;\n";

export interface RestoreResult {
  restoredFrom: string;
  /**
   * Backup of the database as it was just before the restore; null when
   * an embedded store did not exist yet, as on a new machine.
   */
  safetyBackup: Backup | null;
}

/**
 * Replaces the store's contents with a backup made by `backupDatabase`.
 * It first backs up the current contents (label `before-restore`), so a
 * restore of the wrong file can itself be undone.
 */
export async function restoreDatabase(
  store: StoreConfig,
  file: string,
  options: { backupDir?: string } = {},
): Promise<RestoreResult> {
  const source = path.resolve(file);
  await assertBackupFile(store, source);

  const hasContents =
    'databaseUrl' in store || (await pgliteStoreExists(store.dataDir));
  const safetyBackup = hasContents
    ? await backupDatabase(store, {
        backupDir: options.backupDir,
        label: 'before-restore',
      })
    : null;
  if ('databaseUrl' in store) await restorePostgres(store.databaseUrl, source);
  else await restorePglite(store.dataDir, source);
  return { restoredFrom: source, safetyBackup };
}

async function assertBackupFile(
  store: StoreConfig,
  file: string,
): Promise<void> {
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) {
    throw new Error(
      `Backup file ${file} was not found. Pass a file written by npm run db:backup.`,
    );
  }
  const expected =
    'databaseUrl' in store ? postgresBackupSuffix : pgliteBackupSuffix;
  if (!file.endsWith(expected)) {
    const storeName =
      'databaseUrl' in store
        ? 'PostgreSQL (DATABASE_URL)'
        : 'the embedded store';
    throw new Error(
      `${path.basename(file)} is not a backup of ${storeName}: its name must end ` +
        `with ${expected}. PostgreSQL backups end with ${postgresBackupSuffix}, ` +
        `embedded-store backups with ${pgliteBackupSuffix}.`,
    );
  }
}

/**
 * Converts the custom-format dump to SQL with pg_restore and feeds it to
 * psql in one transaction, after the statements that drop the current
 * schemas. pg_restore --clean alone would leave tables that a later
 * migration added, and the migrations would then fail on them.
 */
async function restorePostgres(
  databaseUrl: string,
  file: string,
): Promise<void> {
  const target = postgresTarget(databaseUrl);
  const converter = spawn(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--file=-', file],
    {
      env: target.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let converterErrors = '';
  converter.stderr.on(
    'data',
    (chunk: Buffer) => (converterErrors += chunk.toString()),
  );
  const converterExit = new Promise<number | null>((resolve) => {
    converter.on('error', () => resolve(null));
    converter.on('close', resolve);
  });

  // If pg_restore fails part way, the script ends in an error, so psql
  // rolls back the drops instead of committing a half-restored database.
  const input = Readable.from(
    (async function* () {
      yield replaceSchemas;
      for await (const chunk of converter.stdout) yield chunk as Buffer;
      if ((await converterExit) !== 0) yield abortStatement;
    })(),
  );

  let psqlError: unknown;
  try {
    await runTool(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--single-transaction',
        '--set=ON_ERROR_STOP=1',
        `--dbname=${target.url}`,
        '--file=-',
      ],
      target,
      input,
    );
  } catch (error) {
    psqlError = error;
    // pg_restore would block on a full pipe once psql stops reading.
    converter.kill();
  }

  const converterCode = await converterExit;
  if (psqlError) throw psqlError;
  if (converterCode !== 0) {
    throw new Error(
      `pg_restore could not read ${file}: ${converterErrors.trim()}`,
    );
  }
}

/**
 * Loads the dump into a fresh data folder, keeping the current one beside
 * it as `pglite.before-restore-<time>` until the new store opens.
 */
async function restorePglite(dataDir: string, file: string): Promise<void> {
  const root = path.resolve(dataDir);
  const current = path.join(root, 'pglite');
  const aside = `${current}.before-restore-${timestamp(new Date())}`;

  await mkdir(root, { recursive: true });
  const lock = await acquireStoreLock(root);
  try {
    const dump = new Blob([await readFile(file)]);
    const hadStore = await pgliteStoreExists(root);
    if (hadStore) await rename(current, aside);
    else await rm(current, { recursive: true, force: true });
    try {
      const client = await PGlite.create(current, { loadDataDir: dump });
      try {
        await client.query('select 1');
      } finally {
        await client.close();
      }
    } catch (error) {
      await rm(current, { recursive: true, force: true });
      if (hadStore) await rename(aside, current);
      throw error;
    }
    await rm(aside, { recursive: true, force: true });
  } finally {
    await lock.release();
  }
}
