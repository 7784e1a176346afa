import pino from 'pino';

import { keyNamespace } from '../../cache/cache.js';
import { cacheKeyPatterns } from '../../cache/keys.js';
import { RedisCache } from '../../cache/redis-cache.js';
import { parseCommand, runCommand, UsageError } from './command.js';

const usage = `Usage: npm run cache:clear -- [KEY | PREFIX*]

Deletes one cache key, every key under a prefix ending in *, or with no
argument every Galley cache key (${keyNamespace}*). Keys:
${cacheKeyPatterns.map((pattern) => `  ${pattern}`).join('\n')}

Environment:
  REDIS_URL         Redis holding the cache (required)
  REDIS_KEY_PREFIX  the server's key prefix, if it sets one

Without REDIS_URL the server caches in its own process; restart the
server to empty that cache.`;

await runCommand(usage, async () => {
  const { values, positionals } = parseCommand(
    process.argv.slice(2),
    { help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) return void console.log(usage);
  if (positionals.length > 1)
    throw new UsageError('Pass at most one key or prefix.');

  const url = process.env.REDIS_URL?.trim();
  if (!url) {
    throw new UsageError(
      'REDIS_URL is not set. The server then caches in its own process; restart it to clear that cache.',
    );
  }
  const target = positionals[0] ?? `${keyNamespace}*`;
  if (!target.startsWith(keyNamespace)) {
    throw new UsageError(
      `"${target}" is not a Galley cache key: keys start with ${keyNamespace}.`,
    );
  }

  const cache = new RedisCache({
    url,
    logger: pino({ level: 'silent' }),
    keyPrefix: process.env.REDIS_KEY_PREFIX ?? '',
  });
  try {
    if (!(await cache.connect()))
      throw new Error(
        `Redis at ${new URL(url).host} does not respond. Check that it runs and that REDIS_URL is right.`,
      );
    let deleted: number;
    if (target.endsWith('*')) {
      deleted = await cache.clear(target.slice(0, -1));
    } else {
      const existed = (await cache.get(target)) !== undefined;
      await cache.del(target);
      deleted = existed ? 1 : 0;
    }
    console.log(
      `Deleted ${deleted} cache key${deleted === 1 ? '' : 's'} matching ${target}.`,
    );
  } finally {
    await cache.close();
  }
});
