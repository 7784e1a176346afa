import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { Logger } from 'pino';

import type { WaitForChangeOutput } from '../../../shared/sync.js';
import type { ServerRouter } from '../../../server/trpc/router.js';
import type { TerminalDb } from '../db/open-database.js';
import { isPaired, readSettings } from '../db/settings-store.js';
import { backoffDelayMs } from './backoff.js';
import { trpcUrlOf } from './server-client.js';

export interface ChangeListenerOptions {
  /**
   * Client-side limit of one long-poll in ms. The server responds within
   * about 25 s, so the default of 40 s only cuts connections that stalled.
   */
  requestTimeoutMs?: number;
  /** Maximum wait in ms between attempts while the server is out of reach. */
  maxRetryDelayMs?: number;
  /** Wait in ms before checking again whether the terminal is paired. */
  unpairedCheckMs?: number;
}

export interface ChangeListenerDeps {
  db: TerminalDb;
  logger: Logger;
  /** Pushes and pulls now. The listener calls it when the server reports a change. */
  syncNow: () => Promise<unknown>;
  /** Replacement for the long-poll request, used by tests. */
  waitForChange?: (
    serverUrl: string,
    deviceToken: string,
    cursor: string,
    signal: AbortSignal,
  ) => Promise<WaitForChangeOutput>;
}

/**
 * Keeps one sync.waitForChange long-poll open while the server is
 * reachable, so a menu the owner publishes arrives within seconds instead
 * of at the next scheduled pull. On a change, and on the first response after
 * the server was out of reach, it runs a sync at once. A rejected device
 * token (HTTP 401) stops the listener, because the sync engine then stops
 * too and reports why.
 */
export class ChangeListener {
  private readonly options: Required<ChangeListenerOptions>;
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private wakeSleep: (() => void) | null = null;

  constructor(
    private readonly deps: ChangeListenerDeps,
    options: ChangeListenerOptions = {},
  ) {
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? 40_000,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 10_000,
      unpairedCheckMs: options.unpairedCheckMs ?? 2_000,
    };
  }

  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal).finally(() => {
      this.loop = null;
    });
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    this.wakeSleep?.();
    await this.loop;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const settings = readSettings(this.deps.db);
      if (!isPaired(settings)) {
        await this.sleep(this.options.unpairedCheckMs);
        continue;
      }

      try {
        const output = await this.request(
          settings.serverUrl!,
          settings.deviceToken!,
          settings.pullCursor,
          signal,
        );
        const reconnected = failures > 0;
        if (reconnected) {
          this.deps.logger.info({ failures }, 'change listener reconnected');
        }
        failures = 0;
        if (output.changed || reconnected) await this.deps.syncNow();
      } catch (error) {
        if (signal.aborted) return;
        if (isUnauthorized(error)) {
          this.deps.logger.warn(
            'change listener stopped: the server rejected the device token',
          );
          return;
        }
        failures += 1;
        const delayMs = backoffDelayMs(failures, {
          baseMs: 1_000,
          maxMs: this.options.maxRetryDelayMs,
        });
        // The sync engine already logs the outage, so repeats go to debug.
        const level = failures === 1 ? 'warn' : 'debug';
        this.deps.logger[level](
          { failures, retryInMs: delayMs, err: error },
          'change listener failed, retrying',
        );
        await this.sleep(delayMs);
      }
    }
  }

  private async request(
    serverUrl: string,
    deviceToken: string,
    cursor: string,
    stopSignal: AbortSignal,
  ): Promise<WaitForChangeOutput> {
    const signal = AbortSignal.any([
      stopSignal,
      AbortSignal.timeout(this.options.requestTimeoutMs),
    ]);
    if (this.deps.waitForChange) {
      return this.deps.waitForChange(serverUrl, deviceToken, cursor, signal);
    }
    const client = createTRPCClient<ServerRouter>({
      links: [
        httpLink({
          url: trpcUrlOf(serverUrl),
          headers: { Authorization: `Bearer ${deviceToken}` },
        }),
      ],
    });
    return client.sync.waitForChange.query({ cursor }, { signal });
  }

  /**
   * Waits ms, or until stop() wakes it. The loop checks the stop signal
   * right before each call, with nothing asynchronous in between, so a
   * wait never starts after a stop.
   */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeSleep = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.wakeSleep = wake;
    });
  }
}

function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { httpStatus?: number } | undefined;
  return data?.httpStatus === 401;
}
