import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

import { loadFixtureMenu } from '../../test/support/fixtures.js';
import { createTestDatabase } from '../../test/support/postgres.js';
import {
  createOwner,
  loginOwner,
  makeTempDir,
  setupTruck,
  startServerProcess,
  trpcCall,
  type ServerProcess,
} from '../../test/support/processes.js';
import { repositoryRoot } from './paths.js';
import { extractRunbookBlocks } from './runbook.js';

const runbook = readFileSync(
  path.join(repositoryRoot, 'docs/operations.md'),
  'utf8',
);
const redisUrl = 'redis://127.0.0.1:6379';

describe('runbook commands', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(
    'run against a live server on PostgreSQL and Redis',
    { timeout: 600_000 },
    async () => {
      const database = await createTestDatabase('runbook');
      cleanups.push(database.drop);
      const keyPrefix = `galley-runbook-${randomBytes(4).toString('hex')}:`;
      cleanups.push(async () => {
        const redis = new Redis(redisUrl);
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      });

      const owner = { email: 'ops@example.test', password: 'runbook pass 42' };
      await createOwner({
        databaseUrl: database.url,
        ...owner,
        org: 'Runbook Tacos',
      });
      const server: ServerProcess = await startServerProcess({
        databaseUrl: database.url,
        env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix },
      });
      cleanups.push(() => server.stop());

      const token = await loginOwner(server.url, owner.email, owner.password);
      const { truckId } = await setupTruck(
        server.url,
        token,
        loadFixtureMenu('taco-truck'),
      );
      for (let i = 0; i < 3; i += 1) {
        await trpcCall(server.url, token, 'query', 'menu.current', { truckId });
      }

      const env = {
        ...process.env,
        GALLEY_URL: server.url,
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: keyPrefix,
        BACKUP_DIR: makeTempDir('runbook-backups'),
        TRUCK_ID: truckId,
        LOG_LEVEL: 'warn',
      };

      const blocks = extractRunbookBlocks(runbook);
      expect(blocks.length).toBeGreaterThanOrEqual(15);
      for (const block of blocks) {
        const result = spawnSync(
          'bash',
          ['-euo', 'pipefail', '-c', block.code],
          {
            cwd: repositoryRoot,
            env,
            encoding: 'utf8',
            timeout: 120_000,
          },
        );
        const context =
          `Block at docs/operations.md:${block.line} (${block.section}) exited ${result.status}:\n` +
          `${block.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
        expect(result.status, context).toBe(0);
      }
    },
  );
});
