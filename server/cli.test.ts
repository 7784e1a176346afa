import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import {
  loginOwner,
  makeTempDir,
  repoRoot,
  startServerProcess,
  type ServerProcess,
} from '../test/support/processes.js';

const run = promisify(execFile);

/** Runs `npx tsx server/cli.ts ...` on the embedded store. */
async function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      'npx',
      ['tsx', 'server/cli.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('server CLI', () => {
  const dataDir = makeTempDir('server-cli');
  const owner = { email: 'cli@example.com', password: 'cli-password-1' };
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'create-owner, serve, stop and serve again',
    { timeout: 120_000 },
    async () => {
      const created = await runCli([
        'create-owner',
        '--email',
        owner.email,
        '--password',
        owner.password,
        '--org',
        'CLI Foods',
        '--data-dir',
        dataDir,
      ]);
      expect(created.code).toBe(0);
      const lines = created.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toEqual({
        organizationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ownerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: owner.email,
      });

      server = await startServerProcess({ dataDir });
      expect(server.output()).toContain(
        `Galley server listening on http://127.0.0.1:${server.port}`,
      );
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toEqual({ status: 'healthy' });
      expect(await loginOwner(server.url, owner.email, owner.password)).toMatch(
        /^gso_/,
      );

      const whileRunning = await runCli([
        'create-owner',
        '--email',
        'second@example.com',
        '--password',
        owner.password,
        '--org',
        'Second',
        '--data-dir',
        dataDir,
      ]);
      expect(whileRunning.code).toBe(1);
      expect(whileRunning.stderr).toContain(
        'is in use by another Galley server',
      );

      await server.stop();
      expect(server.child.exitCode).toBe(0);
      expect(existsSync(path.join(dataDir, 'server.lock'))).toBe(false);

      server = await startServerProcess({ dataDir });
      expect(await loginOwner(server.url, owner.email, owner.password)).toMatch(
        /^gso_/,
      );
    },
  );

  it('create-owner rejects a short password', { timeout: 60_000 }, async () => {
    const result = await runCli([
      'create-owner',
      '--email',
      'short@example.com',
      '--password',
      'short',
      '--org',
      'Short',
      '--data-dir',
      dataDir,
    ]);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'Invalid password: must be at least 8 characters long.',
    );
  });
});
