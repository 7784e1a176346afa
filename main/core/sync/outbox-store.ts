import type Database from 'better-sqlite3';

import type { OutboxEntry, PushEntryResult } from '../../../shared/sync.js';

interface PendingRow {
  id: string;
  kind: string;
  createdAt: string;
  payloadJson: string;
}

/**
 * The outbox as the sync loop uses it: pending entries oldest first, and the
 * server's per-entry results applied in one transaction. Entries are never
 * deleted here, because rejected ones stay visible to the cashier.
 */
export class OutboxStore {
  private readonly selectPending: Database.Statement<[number], PendingRow>;
  private readonly markAcked: Database.Statement<
    [{ id: string; ackedAt: string }]
  >;
  private readonly markRejected: Database.Statement<
    [{ id: string; code: string; message: string }]
  >;
  private readonly countAttempt: Database.Statement<[string]>;
  private readonly countByState: Database.Statement<
    [],
    { state: string; count: number }
  >;
  private readonly selectOldestPending: Database.Statement<
    [],
    { createdAt: string }
  >;
  readonly applyResults: (
    sentIds: string[],
    results: PushEntryResult[],
    ackedAt: string,
  ) => { acked: number; rejected: number; unanswered: number };

  constructor(sqlite: Database.Database) {
    this.selectPending = sqlite.prepare(
      `SELECT id, kind, created_at AS createdAt, payload_json AS payloadJson
       FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?`,
    );
    this.markAcked = sqlite.prepare(
      `UPDATE outbox SET state = 'acked', acked_at = @ackedAt,
         attempts = attempts + 1, last_error_code = NULL,
         last_error_message = NULL
       WHERE id = @id AND state = 'pending'`,
    );
    this.markRejected = sqlite.prepare(
      `UPDATE outbox SET state = 'rejected', attempts = attempts + 1,
         last_error_code = @code, last_error_message = @message
       WHERE id = @id AND state = 'pending'`,
    );
    this.countAttempt = sqlite.prepare(
      `UPDATE outbox SET attempts = attempts + 1 WHERE id = ?`,
    );
    this.countByState = sqlite.prepare(
      `SELECT state, count(*) AS count FROM outbox GROUP BY state`,
    );
    this.selectOldestPending = sqlite.prepare(
      `SELECT created_at AS createdAt FROM outbox WHERE state = 'pending'
       ORDER BY id LIMIT 1`,
    );
    this.applyResults = sqlite.transaction(
      (sentIds: string[], results: PushEntryResult[], ackedAt: string) =>
        this.writeResults(sentIds, results, ackedAt),
    );
  }

  /** Reads the oldest pending entries in the shape that sync.push takes. */
  pendingBatch(limit: number): OutboxEntry[] {
    return this.selectPending.all(limit).map(
      (row) =>
        ({
          id: row.id,
          kind: row.kind,
          createdAt: row.createdAt,
          payload: JSON.parse(row.payloadJson),
        }) as OutboxEntry,
    );
  }

  counts(): { pending: number; acked: number; rejected: number } {
    const counts = { pending: 0, acked: 0, rejected: 0 };
    for (const row of this.countByState.all()) {
      if (row.state in counts) {
        counts[row.state as keyof typeof counts] = row.count;
      }
    }
    return counts;
  }

  oldestPendingAt(): string | null {
    return this.selectOldestPending.get()?.createdAt ?? null;
  }

  private writeResults(
    sentIds: string[],
    results: PushEntryResult[],
    ackedAt: string,
  ): { acked: number; rejected: number; unanswered: number } {
    const sent = new Set(sentIds);
    const answered = new Set<string>();
    let acked = 0;
    let rejected = 0;

    for (const result of results) {
      // A result for an id this batch did not send is ignored, so a
      // confused server cannot ack entries it never received.
      if (!sent.has(result.id) || answered.has(result.id)) continue;
      answered.add(result.id);

      if (result.status === 'rejected') {
        this.markRejected.run({
          id: result.id,
          code: result.error.code,
          message: result.error.message,
        });
        rejected += 1;
      } else {
        this.markAcked.run({ id: result.id, ackedAt });
        acked += 1;
      }
    }

    const unanswered = sentIds.filter((id) => !answered.has(id));
    for (const id of unanswered) this.countAttempt.run(id);

    return { acked, rejected, unanswered: unanswered.length };
  }
}
