import { parseArgs, type ParseArgsConfig } from 'node:util';

import { defaultDataDir } from '../../cli/options.js';
import type { StoreConfig } from '../../db/connection.js';
import { describeUrl } from '../../db/connection.js';

/** Options shared by the database commands. */
export const storeOptions = {
  'data-dir': { type: 'string' },
  'backup-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const storeHelp = `  --data-dir DIR    embedded store folder (default ${defaultDataDir}); ignored
                    when DATABASE_URL is set
  --backup-dir DIR  folder for backup files (default backups)

Environment:
  DATABASE_URL      PostgreSQL connection URL; without it the embedded store is used`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function storeFrom(dataDir: string | undefined): StoreConfig {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) return { databaseUrl };
  return { dataDir: dataDir ?? defaultDataDir };
}

export function describeStore(store: StoreConfig): string {
  return 'databaseUrl' in store
    ? `PostgreSQL ${describeUrl(store.databaseUrl)}`
    : `embedded store ${store.dataDir}`;
}

/**
 * Runs a command's main function: prints an error in plain words (with
 * the usage text for a usage mistake) and sets exit code 1 on failure.
 */
export async function runCommand(
  usage: string,
  main: () => Promise<void>,
): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}`);
    if (error instanceof UsageError) console.error(`\n${usage}`);
    process.exitCode = 1;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
