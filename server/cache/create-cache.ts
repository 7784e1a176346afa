import type { Logger } from 'pino';

import type { Cache } from './cache.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

export interface CacheEnvironment {
  REDIS_URL?: string;
  /** Optional prefix for every Redis key, to share one Redis safely. */
  REDIS_KEY_PREFIX?: string;
}

/**
 * Opens Redis when REDIS_URL is set, else the in-process cache. A Redis
 * that does not answer yet is not an error: the server starts, serves from
 * the database and reports itself degraded until Redis answers.
 */
export async function createCache(
  env: CacheEnvironment,
  logger: Logger,
): Promise<Cache> {
  const url = env.REDIS_URL?.trim();
  if (!url) return new MemoryCache();

  assertRedisUrl(url);
  const cache = new RedisCache({
    url,
    logger,
    keyPrefix: env.REDIS_KEY_PREFIX ?? '',
  });
  await cache.connect();
  return cache;
}

function assertRedisUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error(
      'REDIS_URL is not a valid URL. Use the form redis://host:6379/0, ' +
        'or unset it to use the in-process cache.',
    );
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new Error(
      `REDIS_URL must start with redis:// or rediss://, got "${protocol}//".`,
    );
  }
}
