import type { Logger } from 'pino';

import type { SyncStatus } from '../../../shared/local-api.js';
import type { Reconciliation } from '../../../shared/reconciliation.js';
import {
  maxPushBatch,
  type OutboxEntry,
  type PullOutput,
} from '../../../shared/sync.js';
import { readActiveMenu, storeMenu } from '../db/menu-store.js';
import type { TerminalDb } from '../db/open-database.js';
import {
  isPaired,
  readSettings,
  updateSettings,
  type TerminalSettings,
} from '../db/settings-store.js';
import { RepeatLimiter } from '../logging/repeat-limiter.js';
import { backoffDelayMs } from './backoff.js';
import { clockWarningMs, estimateClockSkewMs } from './clock-skew.js';
import type { OutboxStore } from './outbox-store.js';
import { describeFailure, rejectedDeviceMessage } from './failure-messages.js';
import type { Reconciler } from './reconcile.js';
import {
  classifyServerFailure,
  createServerClient,
  type ServerClient,
  type ServerFailure,
} from './server-client.js';
import type { SyncAttemptLog } from './sync-attempts.js';

export interface SyncOptions {
  /** Upper bound of the retry delay in ms (default 30 s). */
  maxBackoffMs?: number;
  baseBackoffMs?: number;
  /** Interval in ms between pulls of the menu and truck (default 60 s). */
  pullIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Entries per push request, at most maxPushBatch (500). */
  batchSize?: number;
  random?: () => number;
}

export interface SyncEngineDeps {
  db: TerminalDb;
  outbox: OutboxStore;
  logger: Logger;
  createClient?: (settings: TerminalSettings) => ServerClient;
  /** Called after a pull changed the stored truck or menu. */
  onPulled?: () => void;
  /** Log of each cycle's outcome, for the support archive. */
  attempts?: SyncAttemptLog;
  /** Compares synced business days with the server after a cycle. */
  reconciler?: Reconciler;
  /** Today's business date in the truck's zone, by the corrected clock. */
  today?: () => string;
}

const failureKinds: ServerFailure['kind'][] = [
  'unreachable',
  'server',
  'client',
  'invalid-reply',
  'local',
];

/**
 * The log level of a failed cycle: faults of this terminal or of the
 * server's version are errors, while network and server trouble is
 * expected in a food truck and logs as a warning.
 */
const levelOfFailure: Record<ServerFailure['kind'], 'warn' | 'error'> = {
  unreachable: 'warn',
  unauthorized: 'error',
  server: 'warn',
  client: 'warn',
  'invalid-reply': 'error',
  local: 'error',
};

/** Counts of one cycle's pushes, for the attempt log. */
interface CycleCounts {
  pushed: number;
  acked: number;
  rejected: number;
}

/**
 * The loop that pushes the outbox and pulls menus. At most one cycle runs
 * at a time. A cycle flushes every pending entry in batches, oldest first,
 * then pulls when a pull is due. Failures retry with backoff by themselves.
 * A 401 stops the loop until the next sync.now.
 */
export class SyncEngine {
  private readonly options: Required<Omit<SyncOptions, 'random'>> &
    Pick<SyncOptions, 'random'>;
  private online = false;
  private revoked = false;
  private failures = 0;
  private pullDue = true;
  private started = false;
  private lastAttemptAt: string | null = null;
  private nextAttemptAt: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerunRequested = false;
  private clockSkewMs: number | null;
  private readonly repeats = new RepeatLimiter();

  constructor(
    private readonly deps: SyncEngineDeps,
    options: SyncOptions = {},
  ) {
    this.options = {
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      baseBackoffMs: options.baseBackoffMs ?? 1_000,
      pullIntervalMs: options.pullIntervalMs ?? 60_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      batchSize: Math.min(options.batchSize ?? 200, maxPushBatch),
      random: options.random,
    };
    this.clockSkewMs = readSettings(deps.db).clockSkewMs;
  }

  /** Server clock minus local clock in ms, from the last request (null before any). */
  currentClockSkewMs(): number | null {
    return this.clockSkewMs;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.pullDue = true;
    this.pullTimer = setInterval(() => {
      this.pullDue = true;
      if (!this.revoked && !this.inBackoff()) this.trigger();
    }, this.options.pullIntervalMs);
    this.pullTimer.unref();
    this.trigger();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.clearRetry();
    if (this.pullTimer) clearInterval(this.pullTimer);
    this.pullTimer = null;
    await this.running;
  }

  /**
   * Called after each new order. While the server is failing, the order
   * waits for the scheduled retry instead, so a busy counter does not turn
   * into one request per order against a server that is down.
   */
  nudge(): void {
    if (!this.started || this.revoked || this.inBackoff()) return;
    this.trigger();
  }

  /** Flushes and pulls now, whatever the backoff, and returns the status. */
  async syncNow(): Promise<SyncStatus> {
    this.revoked = false;
    this.clearRetry();
    await this.running;
    // Set only now, because a cycle that was running marks its pull done,
    // and the server may have replied to that pull before this call.
    this.pullDue = true;
    await this.runCycle();
    return this.status();
  }

  status(): SyncStatus {
    const settings = readSettings(this.deps.db);
    const counts = this.deps.outbox.counts();
    return {
      online: this.online,
      pending: counts.pending,
      rejected: counts.rejected,
      lastSuccessAt: settings.lastSyncSuccessAt,
      lastAttemptAt: this.lastAttemptAt,
      lastError: settings.lastSyncError,
      nextAttemptAt: this.nextAttemptAt,
      clockSkewMs: this.clockSkewMs,
      clockWarning:
        this.clockSkewMs !== null &&
        Math.abs(this.clockSkewMs) >= clockWarningMs,
      reconciliation: settings.reconciliationJson
        ? (JSON.parse(settings.reconciliationJson) as Reconciliation)
        : null,
    };
  }

  private inBackoff(): boolean {
    return this.failures > 0 && this.retryTimer !== null;
  }

  private trigger(): void {
    void this.runCycle();
  }

  private runCycle(): Promise<void> {
    if (this.running) {
      this.rerunRequested = true;
      return this.running;
    }

    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.rerunRequested && this.started && !this.revoked) {
        this.rerunRequested = false;
        this.trigger();
      }
    });
    return this.running;
  }

  private async cycle(): Promise<void> {
    const settings = readSettings(this.deps.db);
    if (!isPaired(settings)) return;

    this.clearRetry();
    const startedAt = new Date().toISOString();
    this.lastAttemptAt = startedAt;
    const client = this.clientFor(settings);
    const counts: CycleCounts = { pushed: 0, acked: 0, rejected: 0 };
    const pullWasDue = this.pullDue;

    try {
      await this.flush(client, counts);
      if (this.pullDue) await this.pull(client, settings.pullCursor);
      this.recordSuccess();
      this.recordAttempt(startedAt, counts, null);
    } catch (error) {
      const failure = this.recordFailure(error, settings.serverUrl!);
      this.recordAttempt(startedAt, counts, failure);
      return;
    }
    if (counts.acked > 0 || pullWasDue) {
      await this.reconcile(client, startedAt);
    }
  }

  /**
   * Runs reconciliation once the outbox is empty. A failure here leaves
   * the previous result in place and is only logged, because every order
   * is already pushed and the next cycle checks again.
   */
  private async reconcile(client: ServerClient, since: string): Promise<void> {
    const { reconciler, today, outbox, logger, db } = this.deps;
    if (!reconciler || !today || outbox.counts().pending > 0) return;
    try {
      const { reconciliation, requeued } = await reconciler.run(
        client,
        reconciler.datesToCheck(today(), since),
        () => new Date(),
      );
      updateSettings(db, {
        reconciliationJson: JSON.stringify(reconciliation),
      });
      if (reconciliation.state === 'differs') {
        logger.warn(
          {
            requeued,
            days: reconciliation.days
              .filter((day) => !day.reconciled)
              .map((day) => ({
                businessDate: day.businessDate,
                missingOnServer: day.missingOnServer.map((order) => order.id),
                extraOnServer: day.extraOnServer.map((order) => order.id),
              })),
          },
          'reconciliation found orders that differ from the server',
        );
      }
      // Orders queued again go out in a cycle of their own.
      if (requeued > 0) this.rerunRequested = true;
    } catch (error) {
      const admitted = this.repeats.admit('reconcile-failed');
      if (admitted) {
        logger.warn(
          { err: error, ...admitted },
          'reconciliation failed, checking again after the next sync',
        );
      }
    }
  }

  private recordAttempt(
    startedAt: string,
    counts: CycleCounts,
    failure: ServerFailure | null,
  ): void {
    try {
      this.deps.attempts?.record({
        startedAt,
        finishedAt: new Date().toISOString(),
        outcome: failure ? 'failed' : 'ok',
        ...counts,
        httpStatus: failure?.status ?? null,
        error: failure?.message ?? null,
      });
    } catch (error) {
      // The attempt log is for support only; a full disk must not stop sync.
      this.deps.logger.warn(
        { err: error },
        'recording the sync attempt failed',
      );
    }
  }

  /** Sends a push and measures the clock skew from the server's reply. */
  private async timedPush(client: ServerClient, batch: OutboxEntry[]) {
    const sentAt = Date.now();
    const output = await client.push(batch);
    this.noteServerTime(output.serverTime, sentAt);
    return output;
  }

  private noteServerTime(serverTime: string, sentAt: number): void {
    const skew = estimateClockSkewMs(serverTime, sentAt, Date.now());
    if (skew === null) return;
    this.clockSkewMs = skew;
    updateSettings(this.deps.db, { clockSkewMs: skew });
    if (Math.abs(skew) >= clockWarningMs) {
      const admitted = this.repeats.admit('clock-skew');
      if (admitted) {
        this.deps.logger.warn(
          { clockSkewMs: skew, ...admitted },
          "this terminal's clock differs from the server's; orders are stamped with the server's time",
        );
      }
    }
  }

  private clientFor(settings: TerminalSettings): ServerClient {
    if (this.deps.createClient) return this.deps.createClient(settings);
    return createServerClient({
      serverUrl: settings.serverUrl!,
      deviceToken: settings.deviceToken,
      timeoutMs: this.options.requestTimeoutMs,
    });
  }

  private async flush(
    client: ServerClient,
    counts: CycleCounts,
  ): Promise<void> {
    const { outbox, logger } = this.deps;
    for (;;) {
      const batch = outbox.pendingBatch(this.options.batchSize);
      if (batch.length === 0) return;

      counts.pushed += batch.length;
      const output = await this.timedPush(client, batch);
      const sentIds = batch.map((entry) => entry.id);
      const applied = outbox.applyResults(
        sentIds,
        output.results,
        new Date().toISOString(),
      );
      counts.acked += applied.acked;
      counts.rejected += applied.rejected;
      logger.info({ sent: batch.length, ...applied }, 'pushed outbox batch');

      if (applied.rejected > 0) {
        logger.warn(
          {
            rejected: applied.rejected,
            entryIds: output.results
              .filter((result) => result.status === 'rejected')
              .map((result) => result.id),
          },
          'server rejected outbox entries, which stay in the outbox as rejected',
        );
      }
      if (applied.unanswered === batch.length) {
        // The server returned no result for any entry, so sending the batch
        // again at once would loop. The next cycle retries it.
        logger.warn(
          { sent: batch.length },
          'push returned no result for the batch',
        );
        return;
      }
    }
  }

  private async pull(client: ServerClient, cursor: string): Promise<void> {
    const sentAt = Date.now();
    const output = await client.pull(cursor);
    this.noteServerTime(output.serverTime, sentAt);
    this.applyPull(output);
    this.pullDue = false;
    this.deps.onPulled?.();
  }

  private applyPull(output: PullOutput): void {
    const { db, logger } = this.deps;
    db.transaction((tx) => {
      const activeVersion = readActiveMenu(tx as TerminalDb)?.version ?? null;
      if (output.menu && output.menu.version !== activeVersion) {
        storeMenu(
          tx as TerminalDb,
          output.menu.version,
          output.menu.menu,
          new Date().toISOString(),
        );
        logger.info({ menuVersion: output.menu.version }, 'stored new menu');
      }
      updateSettings(tx as TerminalDb, {
        pullCursor: output.cursor,
        truckId: output.truck.id,
        truckName: output.truck.name,
        truckTimezone: output.truck.timezone,
      });
    });
  }

  private recordSuccess(): void {
    if (this.failures > 0) {
      this.deps.logger.info(
        { failures: this.failures },
        'sync recovered after failures',
      );
      for (const kind of failureKinds)
        this.repeats.reset(`sync-failed:${kind}`);
    }
    this.failures = 0;
    this.online = true;
    this.nextAttemptAt = null;
    updateSettings(this.deps.db, {
      lastSyncSuccessAt: new Date().toISOString(),
      lastSyncError: null,
    });
  }

  private recordFailure(error: unknown, serverUrl: string): ServerFailure {
    const { logger, db } = this.deps;
    const failure = classifyServerFailure(error);
    this.online = false;
    this.pullDue = true;

    if (failure.kind === 'unauthorized') {
      this.revoked = true;
      this.nextAttemptAt = null;
      updateSettings(db, { lastSyncError: rejectedDeviceMessage(failure) });
      logger.error(
        { status: failure.status },
        'sync stopped: device token rejected',
      );
      return failure;
    }

    this.failures += 1;
    const lastError = describeFailure(failure, serverUrl);
    updateSettings(db, { lastSyncError: lastError });

    const delayMs = backoffDelayMs(this.failures, {
      baseMs: this.options.baseBackoffMs,
      maxMs: this.options.maxBackoffMs,
      random: this.options.random,
    });
    this.scheduleRetry(delayMs);

    // Repeats are rate-limited per failure kind, so a day offline does
    // not fill the log; skipped ones go to debug and are counted.
    const admitted = this.repeats.admit(`sync-failed:${failure.kind}`);
    const level = !admitted ? 'debug' : levelOfFailure[failure.kind];
    logger[level](
      {
        failures: this.failures,
        retryInMs: delayMs,
        status: failure.status,
        error: failure.message,
        ...admitted,
      },
      'sync failed, retrying',
    );
    return failure;
  }

  private scheduleRetry(delayMs: number): void {
    this.clearRetry();
    if (!this.started) return;

    this.nextAttemptAt = new Date(Date.now() + delayMs).toISOString();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.trigger();
    }, delayMs);
    this.retryTimer.unref();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextAttemptAt = null;
  }
}
