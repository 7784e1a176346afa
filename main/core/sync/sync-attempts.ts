import type Database from 'better-sqlite3';

/** Sync attempts kept in the database; older rows are deleted. */
export const syncAttemptsKept = 100;

const selectRecentSql = `SELECT started_at AS startedAt, finished_at AS finishedAt,
    outcome, pushed, acked, rejected, http_status AS httpStatus, error
  FROM sync_attempts ORDER BY id DESC LIMIT ?`;

export interface SyncAttempt {
  startedAt: string;
  finishedAt: string;
  outcome: 'ok' | 'failed';
  pushed: number;
  acked: number;
  rejected: number;
  httpStatus: number | null;
  error: string | null;
}

/**
 * The log of recent sync cycles, kept in SQLite so that the diagnostics
 * archive has it even when it is exported from a stopped terminal.
 */
export class SyncAttemptLog {
  private readonly insert: Database.Statement<[SyncAttempt]>;
  private readonly prune: Database.Statement<[number]>;
  private readonly selectRecent: Database.Statement<[number], SyncAttempt>;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      `INSERT INTO sync_attempts
         (started_at, finished_at, outcome, pushed, acked, rejected, http_status, error)
       VALUES (@startedAt, @finishedAt, @outcome, @pushed, @acked, @rejected, @httpStatus, @error)`,
    );
    this.prune = sqlite.prepare(
      `DELETE FROM sync_attempts WHERE id <= (SELECT max(id) FROM sync_attempts) - ?`,
    );
    this.selectRecent = sqlite.prepare(selectRecentSql);
  }

  record(attempt: SyncAttempt): void {
    this.insert.run(attempt);
    this.prune.run(syncAttemptsKept);
  }

  /** Reads the recent attempts, newest first. */
  recent(limit = syncAttemptsKept): SyncAttempt[] {
    return this.selectRecent.all(limit);
  }
}

/** Reads the recent attempts on any connection, such as a read-only one. */
export function readRecentAttempts(
  sqlite: Database.Database,
  limit = syncAttemptsKept,
): SyncAttempt[] {
  return sqlite.prepare<[number], SyncAttempt>(selectRecentSql).all(limit);
}
