import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { resolveMigrationsFolder } from '../../main/core/db/open-database.js';
import { buildDiagnosticsArchive } from '../../main/core/diagnostics/archive.js';
import type { TerminalCore } from '../../main/core/terminal-core.js';
import {
  localCaller,
  makeTempDir,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  tableCounts,
} from '../../main/core/testing/test-core.js';
import { tacoOrder } from '../support/fault-stack.js';
import {
  repoRoot,
  startServerProcess,
  startTerminalProcess,
  type RunningProcess,
} from '../support/processes.js';

/**
 * Local database safety: one writer per data folder, an integrity check
 * at start, migrations with a backup and a rollback, a newer schema
 * rejected, a full disk that leaves nothing half-written, and no unpair or
 * reset while orders exist only on this terminal.
 */
const opened: TerminalCore[] = [];
const dirs: string[] = [];
const processes: RunningProcess[] = [];

afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  for (const running of processes.splice(0)) await running.stop(3_000);
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempDir(): string {
  const dir = makeTempDir('galley-db-safety-');
  dirs.push(dir);
  return dir;
}

function openSeeded(dataDir = tempDir(), migrationsFolder?: string) {
  const core = openTestCore({ dataDir, migrationsFolder });
  seedPairedTerminal(core);
  opened.push(core);
  return core;
}

async function closeCore(core: TerminalCore): Promise<void> {
  opened.splice(opened.indexOf(core), 1);
  await core.close();
}

function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'terminal.sqlite');
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Copies the migrations folder and appends one more migration to the copy. */
function migrationsWith(extraSql: string, tag: string): string {
  const folder = path.join(tempDir(), 'migrations');
  cpSync(resolveMigrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: {
      idx: number;
      version: string;
      when: number;
      tag: string;
      breakpoints: boolean;
    }[];
  };
  const last = journal.entries.at(-1)!;
  journal.entries.push({
    idx: last.idx + 1,
    version: last.version,
    when: last.when + 1_000,
    tag,
    breakpoints: true,
  });
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  writeFileSync(path.join(folder, `${tag}.sql`), extraSql);
  return folder;
}

async function takeOrders(
  core: TerminalCore,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    ids.push((await localCaller(core).orders.create(tacoOrder)).id);
  }
  return ids;
}

describe('one writer per data folder', () => {
  it('rejects a second terminal process', { timeout: 60_000 }, async () => {
    const server = await startServerProcess();
    processes.push(server);
    const dataDir = tempDir();
    const first = await startTerminalProcess({
      dataDir,
      serverUrl: server.url,
    });
    processes.push(first);

    const second = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/core/cli.ts',
        '--data-dir',
        dataDir,
        '--server',
        server.url,
        '--port',
        '0',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) =>
      second.once('exit', (exitCode) => resolve(exitCode)),
    );

    expect(code).toBe(1);
    expect(output).toContain(
      `Another Galley terminal (pid ${first.child.pid}) is already using ${dataDir}`,
    );
    expect(first.child.exitCode).toBeNull();
  });
});

describe('integrity check at start', () => {
  it('rejects a damaged database and keeps it', async () => {
    const dataDir = tempDir();
    const core = openSeeded(dataDir);
    await takeOrders(core, 40);
    await closeCore(core);

    // Overwrites the middle of the file, where table and index pages are.
    const file = databaseFile(dataDir);
    const size = readFileSync(file).length;
    const fd = openSync(file, 'r+');
    writeSync(
      fd,
      Buffer.alloc(8192, 0xa5),
      0,
      8192,
      Math.floor(size / 2 / 4096) * 4096,
    );
    closeSync(fd);
    const damaged = sha256(file);

    expect(() => openTestCore({ dataDir })).toThrow(
      /The terminal database .* is damaged \(integrity check: .+\)\. Galley did not open or change it/,
    );
    expect(sha256(file)).toBe(damaged);
    expect(existsSync(path.join(dataDir, 'terminal.lock'))).toBe(false);
  });
});

describe('diagnostics of a damaged database', () => {
  it('still exports the environment and the error', async () => {
    const dataDir = tempDir();
    const core = openSeeded(dataDir);
    await takeOrders(core, 5);
    await closeCore(core);

    // Overwrites page 1 after the file header, where the schema lives, so
    // every query fails while the file still reads as SQLite.
    const file = databaseFile(dataDir);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(3996, 0xa5), 0, 3996, 100);
    closeSync(fd);
    const damaged = sha256(file);

    const { bundle, unsyncedEntries, archive } =
      buildDiagnosticsArchive(dataDir);

    expect(bundle.databaseError).toMatch(/^SQLITE_(CORRUPT|NOTADB)/);
    expect(bundle.integrityCheck[0]).toMatch(/^not run: SQLITE_/);
    expect(bundle.database.fileBytes).toBeGreaterThan(0);
    expect(bundle.nodeVersion).toBe(process.version);
    expect(unsyncedEntries).toBe(0);
    expect(archive.length).toBeGreaterThan(0);
    expect(sha256(file)).toBe(damaged);
  });
});

describe('migrations', () => {
  it('rolls back a failing migration', async () => {
    const dataDir = tempDir();
    const core = openSeeded(dataDir);
    const ids = await takeOrders(core, 3);
    await closeCore(core);
    const broken = migrationsWith(
      'CREATE TABLE `half_done` (`id` integer);\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);\n',
      '0099_broken',
    );

    expect(() => openTestCore({ dataDir, migrationsFolder: broken })).toThrow(
      /Updating the terminal database .* failed \(migrations 0099_broken\): .*no such table: no_such_table.*rolled back/,
    );

    const sqlite = new Database(databaseFile(dataDir), { readonly: true });
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'")
      .all();
    const orders = sqlite
      .prepare('SELECT id FROM orders ORDER BY id')
      .all() as { id: string }[];
    sqlite.close();
    expect(tables).toEqual([]);
    expect(orders.map((row) => row.id)).toEqual([...ids].sort());

    const backups = readdirSync(path.join(dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    const backup = new Database(path.join(dataDir, 'backups', backups[0]!), {
      readonly: true,
    });
    const backedUp = backup
      .prepare('SELECT count(*) AS count FROM orders')
      .get() as { count: number };
    backup.close();
    expect(backedUp.count).toBe(3);

    const reopened = openTestCore({ dataDir });
    opened.push(reopened);
    expect(tableCounts(reopened).orders).toBe(3);
  });

  it('rejects a database from a newer version', async () => {
    const dataDir = tempDir();
    const newer = migrationsWith(
      'CREATE TABLE `future_feature` (`id` integer);\n',
      '0099_future',
    );
    const core = openSeeded(dataDir, newer);
    await takeOrders(core, 1);
    await closeCore(core);
    const before = sha256(databaseFile(dataDir));

    expect(() => openTestCore({ dataDir })).toThrow(
      /was written by a newer Galley version .* It was not opened or changed\. Update this terminal/,
    );
    expect(sha256(databaseFile(dataDir))).toBe(before);
  });

  it('rejects a newer user_version stamp', async () => {
    const dataDir = tempDir();
    await closeCore(openSeeded(dataDir));
    const sqlite = new Database(databaseFile(dataDir));
    sqlite.pragma('user_version = 99');
    sqlite.close();

    expect(() => openTestCore({ dataDir })).toThrow(
      /schema 99, this version knows \d+/,
    );
  });

  it('stamps user_version with the migration count', async () => {
    const dataDir = tempDir();
    const core = openSeeded(dataDir);
    const journal = JSON.parse(
      readFileSync(
        path.join(resolveMigrationsFolder(), 'meta', '_journal.json'),
        'utf8',
      ),
    ) as { entries: unknown[] };

    expect(core.database.sqlite.pragma('user_version', { simple: true })).toBe(
      journal.entries.length,
    );
  });
});

describe('full disk', () => {
  it('fails the order and writes nothing', async () => {
    const core = openSeeded();
    const before = await takeOrders(core, 3);
    const pageCount = core.database.sqlite.pragma('page_count', {
      simple: true,
    }) as number;
    core.database.sqlite.pragma(`max_page_count = ${pageCount + 2}`);

    let failure: unknown = null;
    let taken = 0;
    for (let attempt = 0; attempt < 500 && failure === null; attempt += 1) {
      const countsBefore = tableCounts(core);
      try {
        await localCaller(core).orders.create(tacoOrder);
        taken += 1;
      } catch (error) {
        failure = error;
        expect(tableCounts(core)).toEqual(countsBefore);
      }
    }

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(
        /^Not saved: the disk of this computer is full\. Nothing of this change was written/,
      ),
    });
    const counts = tableCounts(core);
    expect(counts.orders).toBe(3 + taken);
    expect(counts.outbox).toBe(counts.orders);
    expect(counts.payments).toBe(counts.orders);
    expect(core.syncStatus().pending).toBe(counts.orders);
    const listed = (await localCaller(core).orders.list({})).map(
      (order) => order.id,
    );
    for (const id of before) expect(listed).toContain(id);
    expect(core.database.sqlite.pragma('quick_check', { simple: true })).toBe(
      'ok',
    );
  });
});

describe('unpair and reset', () => {
  it('are rejected while orders are unsynced', async () => {
    const core = openSeeded();
    const [orderId] = await takeOrders(core, 1);
    const caller = localCaller(core);

    await expect(caller.setup.unpair()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /^Cannot unpair this terminal: 1 outbox entries are waiting/,
      ),
    });
    await expect(caller.setup.reset()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /^Cannot reset this terminal: 1 outbox entries/,
      ),
    });
    expect(core.setupStatus().paired).toBe(true);
    expect(tableCounts(core).orders).toBe(1);

    core.database.sqlite.prepare(`UPDATE outbox SET state = 'rejected'`).run();
    await expect(caller.setup.unpair()).rejects.toMatchObject({
      message: expect.stringMatching(
        /0 outbox entries are waiting for the server and 1 were rejected/,
      ),
    });

    core.database.sqlite
      .prepare(`UPDATE outbox SET state = 'acked', acked_at = ?`)
      .run(new Date().toISOString());
    const unpaired = await caller.setup.unpair();
    expect(unpaired.paired).toBe(false);
    expect((await caller.orders.list({})).map((order) => order.id)).toEqual([
      orderId,
    ]);

    const reset = await caller.setup.reset();
    expect(reset.paired).toBe(false);
    expect(tableCounts(core)).toMatchObject({
      orders: 0,
      outbox: 0,
      payments: 0,
    });
  });
});
