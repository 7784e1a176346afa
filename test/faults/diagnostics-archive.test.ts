import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readTar, type TarEntry } from '../../main/core/diagnostics/tar.js';
import type { DiagnosticsBundle } from '../../main/core/diagnostics/diagnostics.js';
import type { ImportUnsyncedOrdersOutput } from '../../shared/unsynced-orders.js';
import {
  readTerminalDatabase,
  serverOrderIds,
  startFaultStack,
  startStackTerminal,
  tacoOrder,
  waitForDrain,
  type FaultStack,
} from '../support/fault-stack.js';
import {
  createOwner,
  eventually,
  loginOwner,
  makeTempDir,
  repoRoot,
  trpcCall,
  type TerminalProcess,
} from '../support/processes.js';

/**
 * The support archive, exported from the support screen's procedure and
 * from the CLI: what it contains, that no planted secret or personal data
 * reaches it, and that its unsynced orders can be imported on the server
 * exactly once.
 */
let stack: FaultStack;
let terminal: TerminalProcess;
const pin = '918273';
const note =
  'Allergy: call Jane Q. Example at +1 555 0142, jane.example@mail.test';
let deviceToken: string;
let pinHash: string;
const synced: string[] = [];
const unsynced: string[] = [];

function local<T>(type: 'query' | 'mutation', name: string, input?: unknown) {
  return trpcCall<T>(terminal.url, terminal.token, type, name, input);
}

beforeAll(async () => {
  stack = await startFaultStack({ prefix: 'diagnostics' });
  await trpcCall(
    stack.server.url,
    stack.ownerToken,
    'mutation',
    'staff.create',
    {
      name: 'Mo Manager',
      role: 'manager',
      pin,
    },
  );
  terminal = await startStackTerminal(stack, { GALLEY_LOG_LEVEL: 'debug' });
  await eventually('staff sign-in', async () => {
    await local('mutation', 'session.signIn', { pin });
    return true;
  });
  pinHash = readTerminalDatabase(
    terminal.dataDir,
    (sqlite) =>
      (
        sqlite.prepare('SELECT pin_hash AS pinHash FROM staff').get() as {
          pinHash: string;
        }
      ).pinHash,
  );
  deviceToken = readTerminalDatabase(
    terminal.dataDir,
    (sqlite) =>
      (
        sqlite.prepare('SELECT device_token AS token FROM settings').get() as {
          token: string;
        }
      ).token,
  );

  for (let index = 0; index < 3; index += 1) {
    synced.push(
      (
        await local<{ id: string }>('mutation', 'orders.create', {
          ...tacoOrder,
          note,
        })
      ).id,
    );
  }
  await waitForDrain(terminal);
  stack.proxy.cut();
  for (let index = 0; index < 4; index += 1) {
    unsynced.push(
      (
        await local<{ id: string }>('mutation', 'orders.create', {
          ...tacoOrder,
          note,
        })
      ).id,
    );
  }
}, 180_000);

afterAll(async () => {
  await terminal?.stop(3_000);
  await stack?.close();
});

function expectNoSecrets(files: TarEntry[]): void {
  const planted = {
    deviceToken,
    apiToken: terminal.token,
    ownerPassword: stack.owner.password,
    pin,
    pinHash,
    note,
    phone: '555 0142',
    email: 'jane.example@mail.test',
  };
  for (const file of files) {
    const text = file.data.toString('utf8');
    for (const [name, secret] of Object.entries(planted)) {
      expect(text.includes(secret), `${name} found in ${file.name}`).toBe(
        false,
      );
    }
  }
}

function bundleOf(files: TarEntry[]): DiagnosticsBundle {
  return JSON.parse(
    files.find((file) => file.name === 'diagnostics.json')!.data.toString(),
  ) as DiagnosticsBundle;
}

describe('diagnostics archive', () => {
  it('exports from the support screen without secrets', async () => {
    const download = await local<{
      fileName: string;
      contentBase64: string;
      bytes: number;
    }>('mutation', 'support.exportDiagnostics');
    expect(download.fileName).toMatch(/^galley-diagnostics-.+\.tar\.gz$/);
    const archive = Buffer.from(download.contentBase64, 'base64');
    expect(archive.length).toBe(download.bytes);
    const files = readTar(gunzipSync(archive));

    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining([
        'diagnostics.json',
        'unsynced-orders.json',
        'logs/terminal.log',
      ]),
    );
    expectNoSecrets(files);

    const bundle = bundleOf(files);
    expect(bundle.appVersion).toBe('0.1.0');
    expect(bundle.nodeVersion).toBe(process.version);
    expect(bundle.electronVersion).toBeNull();
    expect(bundle.integrityCheck).toEqual(['ok']);
    expect(bundle.schema.upToDate).toBe(true);
    expect(bundle.sync.pending).toBe(4);
    expect(bundle.counts.orders).toBe(7);
    expect(bundle.oldestPendingAt).toEqual(expect.any(String));
    expect(bundle.database.pageCount).toBeGreaterThan(0);
    expect(bundle.sync.recentAttempts.length).toBeGreaterThan(0);
    expect(
      bundle.sync.recentAttempts.some((attempt) => attempt.outcome === 'ok'),
    ).toBe(true);
    expect(bundle.settings.paired).toBe(true);
    expect(bundle.settings.truck.id).toBe(stack.truckId);

    const log = files
      .find((file) => file.name === 'logs/terminal.log')!
      .data.toString();
    expect(log).toContain('"msg":"terminal core started"');
    expect(log).toContain('"msg":"pushed outbox batch"');
  });

  it(
    'exports from the CLI while the terminal runs',
    { timeout: 60_000 },
    async () => {
      const out = path.join(makeTempDir('diagnostics-out'), 'support.tar.gz');
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'main/core/cli.ts',
          '--data-dir',
          terminal.dataDir,
          'diagnostics',
          '--out',
          out,
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) =>
        child.once('exit', resolve),
      );

      expect(code, output).toBe(0);
      expect(output).toMatch(
        /Diagnostics archive written to .*support\.tar\.gz \(\d+ bytes, 7 orders, 4 unsynced entries\)/,
      );
      const files = readTar(gunzipSync(readFileSync(out)));
      expectNoSecrets(files);
      const unsyncedFile = JSON.parse(
        files
          .find((file) => file.name === 'unsynced-orders.json')!
          .data.toString(),
      ) as {
        entries: { payload: { id: string } }[];
      };
      expect(
        unsyncedFile.entries.map((entry) => entry.payload.id).sort(),
      ).toEqual([...unsynced].sort());
    },
  );

  it(
    'imports the unsynced orders on the server once',
    { timeout: 60_000 },
    async () => {
      const download = await local<{ contentBase64: string }>(
        'mutation',
        'support.exportDiagnostics',
      );
      const files = readTar(
        gunzipSync(Buffer.from(download.contentBase64, 'base64')),
      );
      const file = JSON.parse(
        files
          .find((entry) => entry.name === 'unsynced-orders.json')!
          .data.toString(),
      ) as unknown;

      const first = await trpcCall<ImportUnsyncedOrdersOutput>(
        stack.server.url,
        stack.ownerToken,
        'mutation',
        'support.importUnsyncedOrders',
        file,
      );
      expect(first).toMatchObject({ stored: 4, duplicate: 0, rejected: [] });
      const again = await trpcCall<ImportUnsyncedOrdersOutput>(
        stack.server.url,
        stack.ownerToken,
        'mutation',
        'support.importUnsyncedOrders',
        file,
      );
      expect(again).toMatchObject({ stored: 0, duplicate: 4, rejected: [] });

      const otherOwner = {
        email: 'other-owner@example.test',
        password: 'another horse 43',
      };
      await createOwner({
        databaseUrl: stack.databaseUrl,
        ...otherOwner,
        org: 'Other Org',
      });
      const otherToken = await loginOwner(
        stack.server.url,
        otherOwner.email,
        otherOwner.password,
      );
      await expect(
        trpcCall(
          stack.server.url,
          otherToken,
          'mutation',
          'support.importUnsyncedOrders',
          file,
        ),
      ).rejects.toMatchObject({ status: 404 });

      // The terminal comes back online and pushes the same orders: duplicates.
      stack.proxy.restore();
      await waitForDrain(terminal);
      const onServer = await serverOrderIds(stack.databaseUrl, stack.truckId);
      expect(onServer).toHaveLength(7);
      expect(new Set(onServer)).toEqual(new Set([...synced, ...unsynced]));
    },
  );
});
