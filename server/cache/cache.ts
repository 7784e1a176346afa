/**
 * A key-value cache of JSON values with a time to live. Two implementations
 * share this interface: Redis when REDIS_URL is set, and an in-process map
 * otherwise. Callers go through `FailSoftCache`, which turns a failing
 * cache into misses so that reads fall back to the database.
 */
export interface Cache {
  /** `redis` or `memory`, for health and metrics output. */
  readonly backend: 'redis' | 'memory';
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Deletes every Galley key starting with `prefix` (default `cache:`) and
   * returns how many were deleted. Keys of other applications sharing the
   * same Redis are never touched.
   */
  clear(prefix?: string): Promise<number>;
  /** Resolves when the cache answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const keyNamespace = 'cache:';
