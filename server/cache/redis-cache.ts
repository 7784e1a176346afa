import { Redis } from 'ioredis';
import type { Logger } from 'pino';

import { keyNamespace, type Cache } from './cache.js';
import { assertTtl } from './memory-cache.js';
import { ThrottledWarning } from './throttled-warning.js';

export interface RedisCacheOptions {
  url: string;
  logger: Logger;
  /**
   * Prepended to every key in Redis, so that several servers (or tests)
   * can share one Redis without seeing each other's keys. Empty by default,
   * which stores the documented keys as they are.
   */
  keyPrefix?: string;
  /** A command that takes longer fails, and the caller reads the database. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}

const scanBatch = 500;

/**
 * The Redis cache. Commands never queue while the connection is down:
 * they fail at once, so a Redis outage costs a request one failed call
 * instead of a wait. The client keeps reconnecting in the background.
 */
export class RedisCache implements Cache {
  readonly backend = 'redis' as const;
  private readonly client: Redis;
  private readonly keyPrefix: string;
  private readonly log: Logger;
  private readonly connectionWarning: ThrottledWarning;

  constructor(options: RedisCacheOptions) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.log = options.logger.child({ module: 'redis-cache' });
    this.connectionWarning = new ThrottledWarning(this.log);
    this.client = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: options.connectTimeoutMs ?? 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Without a listener ioredis prints every connection error to stderr.
    this.client.on('error', (error: Error) => this.logConnectionError(error));
    this.client.on('ready', () => this.log.info('Redis connection ready'));
  }

  /**
   * Starts connecting and waits until Redis answers or the connect timeout
   * passes. A server starts either way: without Redis it serves from the
   * database and reports itself degraded.
   */
  async connect(): Promise<boolean> {
    try {
      await this.client.connect();
      return true;
    } catch (error) {
      this.logConnectionError(error as Error);
      return false;
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.client.get(this.keyPrefix + key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    await this.client.set(
      this.keyPrefix + key,
      JSON.stringify(value),
      'EX',
      ttlSeconds,
    );
  }

  async del(key: string): Promise<void> {
    await this.client.del(this.keyPrefix + key);
  }

  async clear(prefix: string = keyNamespace): Promise<number> {
    if (!prefix.startsWith(keyNamespace)) {
      throw new RangeError(
        `Only Galley cache keys can be cleared: "${prefix}" does not start ` +
          `with "${keyNamespace}".`,
      );
    }
    const pattern = `${escapeGlob(this.keyPrefix + prefix)}*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.client.scan(
        cursor,
        'MATCH',
        pattern,
        'COUNT',
        scanBatch,
      );
      cursor = next;
      if (keys.length > 0) deleted += await this.client.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    try {
      await this.client.quit();
    } catch {
      // quit() fails when the connection is already down; end it instead.
      this.client.disconnect();
    }
  }

  private logConnectionError(error: Error): void {
    this.connectionWarning.warn(
      { err: error },
      'Redis connection failed; serving from the database until it returns',
    );
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
