import type Database from 'better-sqlite3';
import type { Logger } from 'pino';

import {
  OutboxRepair,
  type Dismissal,
  type UnsyncedEntry,
} from '../sync/outbox-repair.js';
import { readRecentAttempts, type SyncAttempt } from '../sync/sync-attempts.js';
import { buildDiagnosticsArchive } from './archive.js';

/** Rejected entries and sync attempts, shown on the support screen beside sync.status. */
export interface SupportStatus {
  /** Entries the server rejected, with its reason, oldest first. */
  rejected: Omit<UnsyncedEntry, 'payload'>[];
  /** Rejected entries a manager dismissed, kept here with who and why. */
  dismissed: Omit<UnsyncedEntry, 'payload'>[];
  recentAttempts: SyncAttempt[];
}

export interface DiagnosticsDownload {
  fileName: string;
  contentBase64: string;
  bytes: number;
}

/** The terminal side of the support screen. */
export class SupportService {
  private readonly repair: OutboxRepair;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly migrationsFolder?: string,
  ) {
    this.repair = new OutboxRepair(sqlite);
  }

  status(): SupportStatus {
    const entries = this.repair
      .unsynced()
      .map(({ payload: _payload, ...entry }) => entry);
    return {
      rejected: entries.filter((entry) => entry.state === 'rejected'),
      dismissed: entries.filter((entry) => entry.state === 'dismissed'),
      recentAttempts: readRecentAttempts(this.sqlite, 20),
    };
  }

  /** Puts a rejected entry back in the queue; see OutboxRepair.retryRejected. */
  retryRejected(entryId: string): void {
    this.repair.retryRejected(entryId);
    this.logger.info({ entryId }, 'rejected outbox entry queued again');
  }

  /** Throws unless the entry can be dismissed; see OutboxRepair. */
  requireRejected(entryId: string): void {
    this.repair.requireRejected(entryId, 'dismiss');
  }

  /**
   * Dismisses a rejected entry for good; see OutboxRepair.dismissRejected.
   * The reason is written to the database only, because it is free text
   * and may name a customer, so it stays out of logs.
   */
  dismissRejected(entryId: string, dismissal: Dismissal): void {
    this.repair.dismissRejected(entryId, dismissal);
    this.logger.warn(
      { entryId, dismissedBy: dismissal.by },
      'rejected outbox entry dismissed by a manager',
    );
  }

  exportDiagnostics(now = new Date()): DiagnosticsDownload {
    const { archive, unsyncedEntries } = buildDiagnosticsArchive(this.dataDir, {
      migrationsFolder: this.migrationsFolder,
      now,
    });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    this.logger.info(
      { bytes: archive.length, unsyncedEntries },
      'diagnostics archive exported',
    );
    return {
      fileName: `galley-diagnostics-${stamp}.tar.gz`,
      contentBase64: archive.toString('base64'),
      bytes: archive.length,
    };
  }
}
