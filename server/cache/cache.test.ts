import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

import { startTcpProxy } from '../../test/support/tcp-proxy.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import type { Cache } from './cache.js';
import { invalidateMenu, readActiveMenu } from './cached-menus.js';
import { FailSoftCache } from './fail-soft-cache.js';
import { cacheKeys, cacheTtlSeconds } from './keys.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

const logger = pino({ level: 'silent' });
const redisUrl = 'redis://127.0.0.1:6379';

/** A prefix unique to this run, so tests never see other keys in Redis. */
const testPrefix = () => `galley-test-${randomBytes(4).toString('hex')}:`;

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const resource of opened.reverse()) await resource.close();
});

const implementations: { name: string; open(): Promise<Cache> }[] = [
  { name: 'MemoryCache', open: async () => new MemoryCache() },
  {
    name: 'RedisCache',
    open: async () => {
      const cache = new RedisCache({
        url: redisUrl,
        logger,
        keyPrefix: testPrefix(),
      });
      await cache.connect();
      opened.push(cache);
      return cache;
    },
  },
];

describe.each(implementations)('$name', ({ open }) => {
  it('stores, reads and deletes JSON values', async () => {
    const cache = await open();
    const key = cacheKeys.menu('truck-1');
    expect(await cache.get(key)).toBeUndefined();

    await cache.set(key, { version: 3, items: ['taco'] }, cacheTtlSeconds.menu);
    expect(await cache.get(key)).toEqual({ version: 3, items: ['taco'] });

    await cache.del(key);
    expect(await cache.get(key)).toBeUndefined();
  });

  it('clears by prefix and counts deletions', async () => {
    const cache = await open();
    await cache.set(cacheKeys.menu('a'), 1, 60);
    await cache.set(cacheKeys.menu('b'), 2, 60);
    await cache.set(cacheKeys.activeTrucks('org-1'), [3], 60);

    expect(await cache.clear('cache:menu:')).toBe(2);
    expect(await cache.get(cacheKeys.menu('a'))).toBeUndefined();
    expect(await cache.get(cacheKeys.activeTrucks('org-1'))).toEqual([3]);
    expect(await cache.clear()).toBe(1);
    expect(await cache.get(cacheKeys.activeTrucks('org-1'))).toBeUndefined();
  });

  it('rejects a TTL that is not a positive whole number', async () => {
    const cache = await open();
    await expect(cache.set('cache:x', 1, 0)).rejects.toThrow(
      'whole number of seconds',
    );
    await expect(cache.set('cache:x', 1, 1.5)).rejects.toThrow(RangeError);
  });

  it('answers ping', async () => {
    const cache = await open();
    await expect(cache.ping()).resolves.toBeUndefined();
  });
});

describe('MemoryCache expiry', () => {
  it('drops entries after their TTL', async () => {
    let now = 0;
    const cache = new MemoryCache({ now: () => now });
    await cache.set('cache:k', 'v', 2);
    now = 1999;
    expect(await cache.get('cache:k')).toBe('v');
    now = 2000;
    expect(await cache.get('cache:k')).toBeUndefined();
  });

  it('evicts the oldest entry past maxEntries', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('cache:1', 1, 60);
    await cache.set('cache:2', 2, 60);
    await cache.set('cache:3', 3, 60);
    expect(await cache.get('cache:1')).toBeUndefined();
    expect(await cache.get('cache:3')).toBe(3);
  });
});

describe('RedisCache keys', () => {
  it('sets the TTL and the prefixed key in Redis', async () => {
    const prefix = testPrefix();
    const cache = new RedisCache({ url: redisUrl, logger, keyPrefix: prefix });
    await cache.connect();
    const raw = new Redis(redisUrl);
    try {
      await cache.set(
        cacheKeys.activeTrucks('org-1'),
        ['t1'],
        cacheTtlSeconds.activeTrucks,
      );
      const ttl = await raw.ttl(`${prefix}cache:trucks:active:org-1`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(cacheTtlSeconds.activeTrucks);
      expect(await raw.get(`${prefix}cache:trucks:active:org-1`)).toBe(
        '["t1"]',
      );
    } finally {
      await cache.clear();
      await cache.close();
      raw.disconnect();
    }
  });

  it('refuses to clear keys outside the cache namespace', async () => {
    const cache = new RedisCache({
      url: redisUrl,
      logger,
      keyPrefix: testPrefix(),
    });
    try {
      await expect(cache.clear('session:')).rejects.toThrow(
        'Only Galley cache keys can be cleared',
      );
    } finally {
      await cache.close();
    }
  });
});

describe('FailSoftCache', () => {
  it('counts hits and misses and reads through', async () => {
    const metrics = new ServerMetrics({ logger, collectProcessMetrics: false });
    const cache = new FailSoftCache(new MemoryCache(), metrics, logger);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { version: loads };
    };

    expect(await cache.readThrough('cache:menu:t', 60, load)).toEqual({
      version: 1,
    });
    expect(await cache.readThrough('cache:menu:t', 60, load)).toEqual({
      version: 1,
    });
    expect(await cache.readThrough('cache:menu:t', 60, load)).toEqual({
      version: 1,
    });
    await cache.del('cache:menu:t');
    expect(await cache.readThrough('cache:menu:t', 60, load)).toEqual({
      version: 2,
    });

    expect(metrics.cacheCounts.hits).toBe(2);
    expect(metrics.cacheCounts.misses).toBe(2);
    expect(metrics.cacheCounts.operations).toEqual({
      get: 4,
      set: 2,
      del: 1,
      clear: 0,
    });
  });

  it('does not store a value loaded across a delete', async () => {
    const metrics = new ServerMetrics({ logger, collectProcessMetrics: false });
    const cache = new FailSoftCache(new MemoryCache(), metrics, logger);

    const stale = await cache.readThrough('cache:menu:t', 60, async () => {
      await cache.del('cache:menu:t');
      return 'old menu';
    });
    expect(stale).toBe('old menu');
    expect(await cache.get('cache:menu:t')).toBeUndefined();
  });

  it('falls back to the loader when Redis is cut', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    const redis = new RedisCache({
      url: `redis://${proxy.address}`,
      logger,
      keyPrefix: testPrefix(),
    });
    await redis.connect();
    const metrics = new ServerMetrics({ logger, collectProcessMetrics: false });
    const cache = new FailSoftCache(redis, metrics, logger);
    try {
      await cache.set('cache:menu:x', 'cached', 60);
      expect(await cache.get('cache:menu:x')).toBe('cached');

      proxy.cut();
      const value = await cache.readThrough(
        'cache:menu:x',
        60,
        async () => 'from database',
      );
      expect(value).toBe('from database');
      await cache.del('cache:menu:x');
      expect(metrics.cacheCounts.errors).toBe(3);
      await expect(cache.ping()).rejects.toThrow();
    } finally {
      proxy.restore();
      await cache.close();
      await proxy.close();
    }
  });
});

describe('readActiveMenu', () => {
  it('serves the active version and replaces others', async () => {
    const metrics = new ServerMetrics({ logger, collectProcessMetrics: false });
    const cache = new FailSoftCache(new MemoryCache(), metrics, logger);
    const loads: number[] = [];
    const loader = (version: number) => async () => {
      loads.push(version);
      return { version, menu: `menu v${version}` };
    };

    expect(await readActiveMenu(cache, 't1', 1, loader(1))).toEqual({
      version: 1,
      menu: 'menu v1',
    });
    expect(await readActiveMenu(cache, 't1', 1, loader(1))).toEqual({
      version: 1,
      menu: 'menu v1',
    });
    // A newer active version whose invalidation was lost: the cached v1 is
    // rejected as a miss and replaced.
    expect((await readActiveMenu(cache, 't1', 2, loader(2)))?.version).toBe(2);
    expect((await readActiveMenu(cache, 't1', 2, loader(2)))?.version).toBe(2);
    await invalidateMenu(cache, 't1');
    expect((await readActiveMenu(cache, 't1', 2, loader(2)))?.version).toBe(2);

    expect(loads).toEqual([1, 2, 2]);
    expect(metrics.cacheCounts.hits).toBe(2);
    expect(metrics.cacheCounts.misses).toBe(3);
  });

  it('returns null without a menu and caches nothing', async () => {
    const metrics = new ServerMetrics({ logger, collectProcessMetrics: false });
    const inner = new MemoryCache();
    const cache = new FailSoftCache(inner, metrics, logger);

    expect(
      await readActiveMenu(cache, 't2', null, async () => ({ version: 1 })),
    ).toBeNull();
    expect(await readActiveMenu(cache, 't2', 3, async () => null)).toBeNull();
    expect(await inner.get('cache:menu:t2')).toBeUndefined();
  });
});
