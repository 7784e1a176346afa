import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';

import type { TerminalCore } from '../terminal-core.js';
import { openTestCore, removeDir } from '../testing/test-core.js';
import {
  readRecentAttempts,
  SyncAttemptLog,
  syncAttemptsKept,
  type SyncAttempt,
} from './sync-attempts.js';

let core: TerminalCore;
let log: SyncAttemptLog;

beforeEach(() => {
  core = openTestCore();
  log = new SyncAttemptLog(core.database.sqlite);
});

afterEach(async () => {
  await core.close();
  removeDir(core.dataDir);
});

/** Builds an attempt that started `second` seconds after a fixed minute. */
function attemptAt(second: number): SyncAttempt {
  const startedAt = new Date(Date.UTC(2026, 2, 14, 12, 0, second));
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + 250).toISOString(),
    outcome: 'ok',
    pushed: second,
    acked: second,
    rejected: 0,
    httpStatus: null,
    error: null,
  };
}

it('returns attempts newest first', () => {
  const failed: SyncAttempt = {
    ...attemptAt(2),
    outcome: 'failed',
    acked: 0,
    httpStatus: 503,
    error: 'HTTP 503 without a tRPC reply',
  };
  log.record(attemptAt(1));
  log.record(failed);

  expect(log.recent()).toEqual([failed, attemptAt(1)]);
  expect(log.recent(1)).toEqual([failed]);
});

it('keeps only the newest attempts', () => {
  const total = syncAttemptsKept + 5;
  for (let second = 0; second < total; second += 1) {
    log.record(attemptAt(second));
  }

  const recent = log.recent();
  const rows = core.database.sqlite
    .prepare('SELECT count(*) AS count FROM sync_attempts')
    .get() as { count: number };

  expect(rows.count).toBe(syncAttemptsKept);
  expect(recent).toHaveLength(syncAttemptsKept);
  expect(recent[0]).toEqual(attemptAt(total - 1));
  expect(recent.at(-1)).toEqual(attemptAt(5));
});

it('reads attempts on a read-only connection', () => {
  for (let second = 0; second < syncAttemptsKept + 1; second += 1) {
    log.record(attemptAt(second));
  }
  const readOnly = new Database(core.database.sqlite.name, {
    readonly: true,
  });

  try {
    const all = readRecentAttempts(readOnly);
    const latest = readRecentAttempts(readOnly, 2);

    expect(all).toHaveLength(syncAttemptsKept);
    expect(all[0]).toEqual(attemptAt(syncAttemptsKept));
    expect(latest).toEqual([
      attemptAt(syncAttemptsKept),
      attemptAt(syncAttemptsKept - 1),
    ]);
  } finally {
    readOnly.close();
  }
});
