import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { afterEach, describe, expect, it } from 'vitest';

import { eventually } from '../../test/support/processes.js';
import { lockFileName } from './data-dir-lock.js';
import type { DiagnosticsBundle } from './diagnostics/diagnostics.js';
import { readTar } from './diagnostics/tar.js';
import { loadOrCreateApiToken } from './http/api-token.js';
import { databaseFileName } from './terminal-core.js';
import {
  localCaller,
  makeTempDir,
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from './testing/test-core.js';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const started: ChildProcess[] = [];
const dirs: string[] = [];

function runCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/core/cli.ts', ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, GALLEY_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

function tempDir() {
  const dir = makeTempDir('galley-cli-');
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
  }
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe('terminal CLI', () => {
  it('serves, rejects a second start, stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = runCli([
      '--data-dir',
      dataDir,
      '--server',
      'http://127.0.0.1:9',
      '--port',
      '0',
    ]);
    await eventually('the ready line', async () =>
      first.output().includes('Galley terminal ready at'),
    );

    const ready =
      /Galley terminal ready at (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)/.exec(
        first.output(),
      );
    const token = readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
    expect(ready?.[3]).toBe(token);
    const status = await fetch(`${ready![1]}/trpc/setup.status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.status).toBe(200);
    expect(statSync(path.join(dataDir, databaseFileName)).mode & 0o777).toBe(
      0o600,
    );

    const second = runCli(['--data-dir', dataDir, '--port', '0']);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      new RegExp(
        `Another Galley terminal \\(pid ${first.child.pid}\\) is already using`,
      ),
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, lockFileName))).toBe(false);
  });

  it('writes diagnostics without any token', async () => {
    const dataDir = tempDir();
    const core = openTestCore({ dataDir });
    seedPairedTerminal(core);
    await localCaller(core).orders.create({
      lines: [{ sku: 'DRINK-WATER', quantity: 1 }],
      tender: { method: 'card' },
    });
    await core.close();
    const apiToken = loadOrCreateApiToken(dataDir);
    const out = path.join(dataDir, 'diagnostics.tar.gz');

    const run = runCli(['--data-dir', dataDir, 'diagnostics', '--out', out]);
    expect(await run.exited).toBe(0);
    const files = readTar(gunzipSync(readFileSync(out)));
    const text = files.map((file) => file.data.toString('utf8')).join('\n');
    const bundleFile = files.find((file) => file.name === 'diagnostics.json');
    const bundle = JSON.parse(bundleFile!.data.toString()) as DiagnosticsBundle;
    const journal = JSON.parse(
      readFileSync(
        path.join(repoRoot, 'drizzle/terminal/meta/_journal.json'),
        'utf8',
      ),
    ) as { entries: { tag: string }[] };

    expect(text).not.toContain('test-device-token');
    expect(text).not.toContain(apiToken);
    expect(bundle.settings.paired).toBe(true);
    expect(bundle.integrityCheck).toEqual(['ok']);
    expect(bundle.counts.orders).toBe(1);
    expect(bundle.sync.pending).toBe(1);
    expect(bundle.oldestPendingAt).toEqual(expect.any(String));
    expect(bundle.schema.upToDate).toBe(true);
    expect(bundle.schema.migration).toBe(journal.entries.at(-1)!.tag);
    expect(bundle.schema.userVersion).toBe(journal.entries.length);
    expect(bundle.nodeVersion).toBe(process.version);
    expect(bundle.appVersion).toBe('0.1.0');
  });

  it('rejects an unknown command', async () => {
    const run = runCli(['--data-dir', tempDir(), 'frobnicate']);

    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/Unknown command "frobnicate"/);
  });
});
