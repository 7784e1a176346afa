import pino from 'pino';
import { afterEach, expect, it } from 'vitest';

import { eventually } from '../../../test/support/processes.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from '../testing/test-core.js';
import { readRecentAttempts } from './sync-attempts.js';

let core: TerminalCore | null = null;
afterEach(async () => {
  await core?.close();
  if (core) removeDir(core.dataDir);
  core = null;
});

it('logs repeated sync failures once per window', async () => {
  const lines: { level: number; msg: string; suppressedRepeats?: number }[] =
    [];
  const logger = pino(
    { level: 'debug' },
    {
      write: (line: string) =>
        lines.push(JSON.parse(line) as (typeof lines)[number]),
    },
  );
  core = openTestCore({
    logger,
    sync: { baseBackoffMs: 1, maxBackoffMs: 5, requestTimeoutMs: 1_000 },
  });
  // The seeded server URL is port 9 on loopback, where nothing listens.
  seedPairedTerminal(core);
  core.sync.start();

  await eventually(
    'ten failed attempts',
    async () =>
      readRecentAttempts(core!.database.sqlite).filter(
        (attempt) => attempt.outcome === 'failed',
      ).length >= 10,
  );
  await core.sync.stop();

  const failures = lines.filter((line) => line.msg === 'sync failed, retrying');
  const warnings = failures.filter((line) => line.level === 40);
  expect(failures.length).toBeGreaterThanOrEqual(10);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]!.suppressedRepeats).toBe(0);
  const attempts = readRecentAttempts(core.database.sqlite);
  expect(attempts[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);
  expect(attempts[0]!.httpStatus).toBeNull();
});
