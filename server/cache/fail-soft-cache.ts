import type { Logger } from 'pino';

import type {
  CacheOperation,
  ServerMetrics,
} from '../metrics/server-metrics.js';
import type { Cache } from './cache.js';
import { ThrottledWarning } from './throttled-warning.js';

/**
 * Wraps a cache so that `get`, `set`, `del` and the cache half of
 * `readThrough` never throw. A failed read is a miss, and a failed write
 * or delete is logged and counted. Every operation is counted in the
 * metrics. `clear` and `ping` are for
 * operators and health checks, so their errors still reach the caller.
 */
export class FailSoftCache {
  private readonly failureWarning: ThrottledWarning;
  /**
   * Deletes seen per key by this process. readThrough skips storing a
   * value loaded before a delete of the same key, which would otherwise
   * put the old data back until the TTL ends.
   */
  private readonly invalidations = new Map<string, number>();

  constructor(
    readonly inner: Cache,
    private readonly metrics: ServerMetrics,
    logger: Logger,
  ) {
    this.failureWarning = new ThrottledWarning(
      logger.child({ module: 'cache' }),
    );
  }

  get backend(): Cache['backend'] {
    return this.inner.backend;
  }

  /**
   * Reads a key. `accept` can reject a value that is present but no longer
   * current (an older menu version, say); that counts as a miss.
   */
  async get<T>(
    key: string,
    accept: (value: T) => boolean = () => true,
  ): Promise<T | undefined> {
    try {
      const value = await this.inner.get<T>(key);
      const usable = value !== undefined && accept(value) ? value : undefined;
      this.metrics.recordCacheRead(usable !== undefined);
      return usable;
    } catch (error) {
      this.fail('get', key, error);
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      this.metrics.recordCacheOperation('set');
      await this.inner.set(key, value, ttlSeconds);
    } catch (error) {
      this.fail('set', key, error);
    }
  }

  /**
   * Deletes a key after a write changed its data. A failed delete leaves
   * the old value readable until its TTL ends. The error is logged, so an
   * operator can clear the key by hand.
   */
  async del(key: string): Promise<void> {
    this.invalidations.set(key, (this.invalidations.get(key) ?? 0) + 1);
    try {
      this.metrics.recordCacheOperation('del');
      await this.inner.del(key);
    } catch (error) {
      this.fail('del', key, error);
    }
  }

  async clear(prefix?: string): Promise<number> {
    this.metrics.recordCacheOperation('clear');
    try {
      return await this.inner.clear(prefix);
    } catch (error) {
      this.metrics.recordCacheError('clear');
      throw error;
    }
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * Returns the cached value under `key`, or loads it, stores it for
   * `ttlSeconds` and returns it. `undefined` or `null` from `load` is not
   * cached, so a missing row is looked up again next time.
   *
   * NOTE: the stale-write guard tracks only deletes made by this process.
   * With several servers on one Redis, a delete by another server during
   * `load` can still leave the old value cached until the TTL ends.
   */
  async readThrough<T>(
    key: string,
    ttlSeconds: number,
    load: () => Promise<T>,
    accept?: (value: T) => boolean,
  ): Promise<T> {
    const cached = await this.get<T>(key, accept);
    if (cached !== undefined) return cached;

    const invalidationsBefore = this.invalidations.get(key) ?? 0;
    const value = await load();
    const invalidatedDuringLoad =
      (this.invalidations.get(key) ?? 0) !== invalidationsBefore;
    if (value !== undefined && value !== null && !invalidatedDuringLoad) {
      await this.set(key, value, ttlSeconds);
    }
    return value;
  }

  private fail(operation: CacheOperation, key: string, error: unknown): void {
    if (operation === 'get') this.metrics.recordCacheOperation('get');
    this.metrics.recordCacheError(operation);
    this.failureWarning.warn(
      { err: error, operation, key },
      'Cache operation failed; the request continues without the cache',
    );
  }
}
