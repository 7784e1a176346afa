import { spawn } from 'node:child_process';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

import { createTestDatabase } from '../../test/support/postgres.js';
import { makeTempDir } from '../../test/support/processes.js';
import { repositoryRoot } from './paths.js';

interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an ops command as `npm run` would, through tsx. */
function runOps(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repositoryRoot, 'server/ops/cli', script),
        ...args,
      ],
      {
        cwd: repositoryRoot,
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs SQL on a store while no server has it open. */
interface SqlRunner {
  query<T>(text: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openStore(store: StoreUnderTest): Promise<SqlRunner> {
  if (store.databaseUrl) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    return {
      query: async <T>(text: string) => (await client.query(text)).rows as T[],
      close: () => client.end(),
    };
  }
  const client = await PGlite.create(path.join(store.dataDir, 'pglite'));
  return {
    query: async <T>(text: string) => {
      const results = await client.exec(text);
      return (results.at(-1)?.rows ?? []) as T[];
    },
    close: () => client.close(),
  };
}

/** One organisation, truck and device, and `count` orders of 1..count × 100 minor units. */
const seedOrders = (count: number) => `
insert into organizations (id, name) values ('018f0000-0000-7000-8000-000000000001', 'Backup Tacos');
insert into trucks (id, organization_id, name, timezone)
  values ('018f0000-0000-7000-8000-000000000002', '018f0000-0000-7000-8000-000000000001', 'T1', 'America/New_York');
insert into devices (id, truck_id, name, slot, token_hash)
  values ('018f0000-0000-7000-8000-000000000003', '018f0000-0000-7000-8000-000000000002', 'D1', 1, 'hash');
insert into orders (id, truck_id, device_id, number, business_date, created_at, currency,
                    subtotal, discount, tax, tax_by_rate, tip, rounding, total, change,
                    tender_method, snapshot)
select ('018f0000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid,
       '018f0000-0000-7000-8000-000000000002', '018f0000-0000-7000-8000-000000000003',
       n, '2026-12-04', now(), 'USD', n * 100, 0, 0, '{}', 0, 0, n * 100, 0, 'card', '{}'
  from generate_series(100, 99 + ${count}) as n;`;

interface StoreUnderTest {
  name: string;
  env: NodeJS.ProcessEnv;
  args: string[];
  databaseUrl?: string;
  dataDir: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function newStore(kind: 'postgres' | 'pglite'): Promise<StoreUnderTest> {
  const dataDir = makeTempDir('ops-store');
  if (kind === 'pglite') {
    return {
      name: kind,
      env: { DATABASE_URL: '' },
      args: ['--data-dir', dataDir],
      dataDir,
    };
  }
  const database = await createTestDatabase('ops_backup');
  cleanups.push(database.drop);
  return {
    name: kind,
    env: { DATABASE_URL: database.url },
    args: [],
    databaseUrl: database.url,
    dataDir,
  };
}

async function orderTotals(store: StoreUnderTest) {
  const runner = await openStore(store);
  try {
    const [row] = await runner.query<{
      count: string | number;
      sum: string | number;
    }>('select count(*) as count, coalesce(sum(total), 0) as sum from orders');
    return { count: Number(row?.count), sum: Number(row?.sum) };
  } finally {
    await runner.close();
  }
}

describe.each(['postgres', 'pglite'] as const)(
  'database operations on %s',
  (kind) => {
    it(
      'backup then restore round-trips orders',
      { timeout: 180_000 },
      async () => {
        const store = await newStore(kind);
        const backupDir = makeTempDir('ops-backups');
        const withDirs = [...store.args, '--backup-dir', backupDir];

        const migrated = await runOps('db-migrate.ts', withDirs, store.env);
        expect(migrated.stderr).toBe('');
        expect(migrated.code).toBe(0);
        expect(migrated.stdout).toMatch(/(\d+) of \1 migrations applied/);

        const seeding = await openStore(store);
        await seeding.query(seedOrders(25));
        await seeding.close();
        const seeded = await orderTotals(store);
        expect(seeded).toEqual({
          count: 25,
          sum: (100 * (100 + 124) * 25) / 2,
        });

        const backup = await runOps('db-backup.ts', withDirs, store.env);
        expect(backup.code).toBe(0);
        const backupFile = /to (\S+) \(/.exec(backup.stdout)?.[1];
        expect(backupFile).toBeDefined();

        const damage = await openStore(store);
        await damage.query('delete from orders where number < 120');
        await damage.close();
        expect((await orderTotals(store)).count).toBe(5);

        const restore = await runOps(
          'db-restore.ts',
          [backupFile!, ...withDirs],
          store.env,
        );
        expect(restore.stderr).toBe('');
        expect(restore.code).toBe(0);
        expect(await orderTotals(store)).toEqual(seeded);

        const files = await readdir(backupDir);
        expect(
          files.filter((file) => file.includes('-before-restore')),
        ).toHaveLength(1);
        expect(files.filter((file) => file.includes('.partial'))).toEqual([]);
        expect((await stat(backupFile!)).mode & 0o777).toBe(0o600);

        // Disaster recovery: the same backup restored into a new, empty store.
        const fresh = await newStore(kind);
        const recovered = await runOps(
          'db-restore.ts',
          [backupFile!, ...fresh.args, '--backup-dir', backupDir],
          fresh.env,
        );
        expect(recovered.stderr).toBe('');
        expect(recovered.code).toBe(0);
        expect(await orderTotals(fresh)).toEqual(seeded);

        const maintenance = await runOps(
          'db-maintenance.ts',
          [...store.args, '--json'],
          store.env,
        );
        expect(maintenance.code).toBe(0);
        const report = JSON.parse(maintenance.stdout) as {
          vacuumed: boolean;
          indexes: { index: string; scans: number }[];
        };
        expect(report.vacuumed).toBe(true);
        expect(report.indexes.map((usage) => usage.index)).toContain(
          'orders_pkey',
        );
      },
    );

    it(
      'db:migrate refuses when the backup fails',
      { timeout: 120_000 },
      async () => {
        const store = await newStore(kind);
        if (kind === 'pglite') {
          // An existing, unmigrated store, so there is something to back up.
          const client = await PGlite.create(
            path.join(store.dataDir, 'pglite'),
          );
          await client.close();
        }
        // A regular file where the backup folder should be: mkdir fails.
        const blocker = path.join(makeTempDir('ops-blocker'), 'not-a-folder');
        await writeFile(blocker, '');

        const result = await runOps(
          'db-migrate.ts',
          [...store.args, '--backup-dir', path.join(blocker, 'backups')],
          store.env,
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          'The backup failed, so no migration was applied',
        );

        const runner = await openStore(store);
        try {
          const [row] = await runner.query<{ name: string | null }>(
            "select to_regclass('public.orders')::text as name",
          );
          expect(row?.name).toBeNull();
        } finally {
          await runner.close();
        }
      },
    );
  },
);

describe('db:restore input checks', () => {
  it('rejects a missing file and a wrong kind', async () => {
    const dataDir = makeTempDir('ops-restore');
    const env = { DATABASE_URL: '' };

    const missing = await runOps(
      'db-restore.ts',
      ['--data-dir', dataDir, '/nonexistent.dump'],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'Backup file /nonexistent.dump was not found',
    );

    const wrongKind = path.join(dataDir, 'galley.dump');
    await writeFile(wrongKind, 'x');
    const result = await runOps(
      'db-restore.ts',
      ['--data-dir', dataDir, wrongKind],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a backup of the embedded store');

    const noFile = await runOps('db-restore.ts', ['--data-dir', dataDir], env);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('Pass exactly one backup file to restore.');
  });
});
