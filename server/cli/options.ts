import { parseArgs, type ParseArgsConfig } from 'node:util';

import type { StoreConfig } from '../db/connection.js';

export const defaultDataDir = '.data/server';

export const usage = `Usage:
  npm run server -- [--port 4000] [--host 127.0.0.1] [--data-dir DIR]
  npm run server -- create-owner --email E --password P --org NAME [--data-dir DIR]

Options:
  --port N        TCP port to listen on (default 4000; 0 picks a free port)
  --host HOST     address to bind (default 127.0.0.1)
  --data-dir DIR  folder of the embedded PostgreSQL store (default ${defaultDataDir});
                  ignored when DATABASE_URL is set

Environment:
  DATABASE_URL    PostgreSQL connection URL; without it the embedded store is used
  REDIS_URL       Redis for the menu and truck-list cache; without it the cache
                  lives in the server process
  REDIS_KEY_PREFIX  prefix for every Redis key, to share one Redis (default none)
  SLOW_QUERY_MS   statements slower than this are logged (default 200)
  LOG_LEVEL       pino log level (default info)`;

/** A command-line mistake: printed to stderr with the usage hint. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Picks the store: DATABASE_URL when set, else the --data-dir folder. */
export function storeFromEnvironment(dataDir: string | undefined): StoreConfig {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { databaseUrl };
  return { dataDir: dataDir ?? defaultDataDir };
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 4000;

  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(
      `Invalid --port "${value}": use a whole number from 0 to 65535.`,
    );
  }
  return port;
}
