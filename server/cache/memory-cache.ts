import { keyNamespace, type Cache } from './cache.js';

interface Entry {
  json: string;
  expiresAt: number;
}

/**
 * The cache used when REDIS_URL is not set: a map inside the server
 * process. Values are stored as JSON text, as in Redis, so a caller can
 * never mutate a cached object by accident. Expired entries are dropped
 * when read; `maxEntries` bounds memory by evicting the oldest insert.
 */
export class MemoryCache implements Cache {
  readonly backend = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(options: { now?: () => number; maxEntries?: number } = {}) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return JSON.parse(entry.json) as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    this.entries.delete(key);
    this.entries.set(key, {
      json: JSON.stringify(value),
      expiresAt: this.now() + ttlSeconds * 1000,
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async clear(prefix: string = keyNamespace): Promise<number> {
    let deleted = 0;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
  }
}

export function assertTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(
      `Cache TTL must be a whole number of seconds above 0, got ${ttlSeconds}.`,
    );
  }
}
