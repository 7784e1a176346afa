import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';

import { GalleyError } from '../../../shared/errors.js';
import {
  appliedSchemaVersion,
  readJournal,
  resolveMigrationsFolder,
} from '../db/open-database.js';
import { databaseFileName } from '../terminal-core.js';

export interface DiagnosticsBundle {
  generatedAt: string;
  appVersion: string | null;
  nodeVersion: string;
  os: { platform: string; release: string; arch: string };
  dataDir: string;
  schema: {
    migration: string | null;
    appliedAt: string | null;
    upToDate: boolean;
  };
  integrityCheck: string[];
  counts: {
    orders: number;
    orderLines: number;
    payments: number;
    outbox: Record<string, number>;
  };
  oldestPendingAt: string | null;
  sync: {
    pending: number;
    rejected: number;
    lastSuccessAt: string | null;
    lastError: string | null;
  };
  settings: {
    paired: boolean;
    serverUrl: string | null;
    deviceId: string | null;
    deviceName: string | null;
    organizationName: string | null;
    truck: { id: string | null; name: string | null; timezone: string | null };
    slot: number | null;
    pullCursor: string | null;
    activeMenuVersion: number | null;
  };
}

/**
 * Collects the support bundle from the database on a read-only connection,
 * so it works while the terminal runs. The bundle names whether a device
 * token exists but never contains it, nor the API token, nor order contents.
 */
export function collectDiagnostics(
  dataDir: string,
  options: { migrationsFolder?: string } = {},
): DiagnosticsBundle {
  const file = path.join(dataDir, databaseFileName);
  if (!existsSync(file)) {
    throw new GalleyError(
      'NOT_FOUND',
      `No terminal database in ${dataDir} (expected ${databaseFileName}). Check --data-dir.`,
    );
  }

  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    return {
      generatedAt: new Date().toISOString(),
      appVersion: findAppVersion(),
      nodeVersion: process.version,
      os: { platform: os.platform(), release: os.release(), arch: os.arch() },
      dataDir: path.resolve(dataDir),
      schema: schemaInfo(sqlite, options.migrationsFolder),
      integrityCheck: (
        sqlite.pragma('integrity_check') as { integrity_check: string }[]
      ).map((row) => row.integrity_check),
      ...databaseFacts(sqlite),
    };
  } finally {
    sqlite.close();
  }
}

/** Writes the bundle as JSON, readable by the owner only. */
export function writeDiagnostics(
  dataDir: string,
  outFile: string,
  options: { migrationsFolder?: string } = {},
): DiagnosticsBundle {
  const bundle = collectDiagnostics(dataDir, options);
  writeFileSync(outFile, `${JSON.stringify(bundle, null, 2)}\n`, {
    mode: 0o600,
  });
  return bundle;
}

function count(sqlite: Database.Database, table: string): number {
  return (
    sqlite.prepare(`SELECT count(*) AS count FROM ${table}`).get() as {
      count: number;
    }
  ).count;
}

function databaseFacts(sqlite: Database.Database) {
  const outbox = Object.fromEntries(
    (
      sqlite
        .prepare('SELECT state, count(*) AS count FROM outbox GROUP BY state')
        .all() as { state: string; count: number }[]
    ).map((row) => [row.state, row.count]),
  );
  const oldest = sqlite
    .prepare(
      "SELECT created_at AS createdAt FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1",
    )
    .get() as { createdAt: string } | undefined;
  const settings = sqlite
    .prepare('SELECT * FROM settings WHERE id = 1')
    .get() as Record<string, string | number | null> | undefined;
  const menu = sqlite
    .prepare('SELECT version FROM menus WHERE active = 1')
    .get() as { version: number } | undefined;
  const text = (key: string) =>
    (settings?.[key] as string | null | undefined) ?? null;

  return {
    counts: {
      orders: count(sqlite, 'orders'),
      orderLines: count(sqlite, 'order_lines'),
      payments: count(sqlite, 'payments'),
      outbox,
    },
    oldestPendingAt: oldest?.createdAt ?? null,
    sync: {
      pending: outbox.pending ?? 0,
      rejected: outbox.rejected ?? 0,
      lastSuccessAt: text('last_sync_success_at'),
      lastError: text('last_sync_error'),
    },
    settings: {
      paired: text('device_token') !== null,
      serverUrl: text('server_url'),
      deviceId: text('device_id'),
      deviceName: text('device_name'),
      organizationName: text('organization_name'),
      truck: {
        id: text('truck_id'),
        name: text('truck_name'),
        timezone: text('truck_timezone'),
      },
      slot: (settings?.slot as number | null | undefined) ?? null,
      pullCursor: text('pull_cursor'),
      activeMenuVersion: menu?.version ?? null,
    },
  };
}

function schemaInfo(sqlite: Database.Database, migrationsFolder?: string) {
  const applied = appliedSchemaVersion(sqlite);
  let entries: { when: number; tag: string }[] = [];
  try {
    entries = readJournal(resolveMigrationsFolder(migrationsFolder)).entries;
  } catch {
    // Without the migrations folder the bundle still names the applied time.
  }
  const appliedAt = applied ? Number(applied.createdAt) : null;
  const newest = Math.max(0, ...entries.map((entry) => entry.when));

  return {
    migration: entries.find((entry) => entry.when === appliedAt)?.tag ?? null,
    appliedAt: appliedAt === null ? null : new Date(appliedAt).toISOString(),
    upToDate: appliedAt !== null && appliedAt === newest,
  };
}

/** The version in the package.json of this app, searched upwards from here. */
function findAppVersion(): string | null {
  if (process.env.npm_package_version) return process.env.npm_package_version;

  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (parsed.name === 'galley') return parsed.version ?? null;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
