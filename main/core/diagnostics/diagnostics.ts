import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
import type { Reconciliation } from '../../../shared/reconciliation.js';
import { readRecentAttempts, type SyncAttempt } from '../sync/sync-attempts.js';
import { databaseFileName } from '../terminal-core.js';

/** Sync attempts the bundle lists, newest first. */
const attemptsInBundle = 30;

export interface DiagnosticsBundle {
  generatedAt: string;
  appVersion: string | null;
  nodeVersion: string;
  /** Electron's version inside the desktop app, null in the headless terminal. */
  electronVersion: string | null;
  os: { platform: string; release: string; arch: string };
  dataDir: string;
  /**
   * Why the database could not be read, or null. When set, the counts and
   * settings below are empty rather than measured.
   */
  databaseError: string | null;
  schema: {
    migration: string | null;
    appliedAt: string | null;
    upToDate: boolean;
    /** PRAGMA user_version: the number of migrations applied. */
    userVersion: number;
  };
  database: {
    fileBytes: number;
    walBytes: number;
    pageSize: number;
    pageCount: number;
    freePages: number;
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
    clockSkewMs: number | null;
    reconciliation: Reconciliation | null;
    /** The newest attempts first. */
    recentAttempts: SyncAttempt[];
    /** Entries the server rejected, with its reason; no order contents. */
    rejectedEntries: {
      id: string;
      kind: string;
      entityId: string;
      attempts: number;
      errorCode: string | null;
      errorMessage: string | null;
    }[];
    /**
     * Rejected entries a manager dismissed: when and by which staff id. The
     * manager's free-text reason stays on the terminal, as it may name a
     * customer.
     */
    dismissedEntries: {
      id: string;
      kind: string;
      entityId: string;
      errorMessage: string | null;
      dismissedAt: string;
      dismissedBy: string;
    }[];
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

  const environment = {
    generatedAt: new Date().toISOString(),
    appVersion: findAppVersion(),
    nodeVersion: process.version,
    electronVersion: process.versions.electron ?? null,
    os: { platform: os.platform(), release: os.release(), arch: os.arch() },
    dataDir: path.resolve(dataDir),
  };

  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    return {
      ...environment,
      databaseError: null,
      schema: schemaInfo(sqlite, options.migrationsFolder),
      integrityCheck: (
        sqlite.pragma('integrity_check') as { integrity_check: string }[]
      ).map((row) => row.integrity_check),
      database: databaseStats(sqlite, file),
      ...databaseFacts(sqlite),
    };
  } catch (error) {
    if (!(error instanceof Database.SqliteError)) throw error;
    // A damaged database is when support needs the bundle most, so it
    // still carries the environment, the file sizes and the error.
    return unreadableBundle(environment, file, error);
  } finally {
    sqlite?.close();
  }
}

function unreadableBundle(
  environment: Pick<
    DiagnosticsBundle,
    | 'generatedAt'
    | 'appVersion'
    | 'nodeVersion'
    | 'electronVersion'
    | 'os'
    | 'dataDir'
  >,
  file: string,
  error: InstanceType<typeof Database.SqliteError>,
): DiagnosticsBundle {
  const message = `${error.code}: ${error.message}`;
  return {
    ...environment,
    databaseError: message,
    schema: {
      migration: null,
      appliedAt: null,
      upToDate: false,
      userVersion: 0,
    },
    integrityCheck: [`not run: ${message}`],
    database: {
      fileBytes: fileSize(file),
      walBytes: fileSize(`${file}-wal`),
      pageSize: 0,
      pageCount: 0,
      freePages: 0,
    },
    counts: { orders: 0, orderLines: 0, payments: 0, outbox: {} },
    oldestPendingAt: null,
    sync: {
      pending: 0,
      rejected: 0,
      lastSuccessAt: null,
      lastError: null,
      clockSkewMs: null,
      reconciliation: null,
      recentAttempts: [],
      rejectedEntries: [],
      dismissedEntries: [],
    },
    settings: {
      paired: false,
      serverUrl: null,
      deviceId: null,
      deviceName: null,
      organizationName: null,
      truck: { id: null, name: null, timezone: null },
      slot: null,
      pullCursor: null,
      activeMenuVersion: null,
    },
  };
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

function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

function databaseStats(sqlite: Database.Database, file: string) {
  const pragma = (name: string) =>
    sqlite.pragma(name, { simple: true }) as number;
  return {
    fileBytes: fileSize(file),
    walBytes: fileSize(`${file}-wal`),
    pageSize: pragma('page_size'),
    pageCount: pragma('page_count'),
    freePages: pragma('freelist_count'),
  };
}

/**
 * Lists the dismissed entries. A database the app has not migrated yet
 * (version 0003 or older) has no dismissal columns, so it has none.
 */
function dismissedEntries(
  sqlite: Database.Database,
): DiagnosticsBundle['sync']['dismissedEntries'] {
  const columns = sqlite.pragma('table_info(outbox)') as { name: string }[];
  if (!columns.some((column) => column.name === 'dismissed_at')) return [];
  return sqlite
    .prepare(
      `SELECT id, kind, entity_id AS entityId,
         last_error_message AS errorMessage,
         dismissed_at AS dismissedAt, dismissed_by AS dismissedBy
       FROM outbox WHERE state = 'dismissed' ORDER BY id`,
    )
    .all() as DiagnosticsBundle['sync']['dismissedEntries'];
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
      clockSkewMs:
        (settings?.clock_skew_ms as number | null | undefined) ?? null,
      reconciliation: text('reconciliation_json')
        ? (JSON.parse(text('reconciliation_json')!) as Reconciliation)
        : null,
      recentAttempts: readRecentAttempts(sqlite, attemptsInBundle),
      rejectedEntries: sqlite
        .prepare(
          `SELECT id, kind, entity_id AS entityId, attempts,
             last_error_code AS errorCode, last_error_message AS errorMessage
           FROM outbox WHERE state = 'rejected' ORDER BY id`,
        )
        .all() as DiagnosticsBundle['sync']['rejectedEntries'],
      dismissedEntries: dismissedEntries(sqlite),
    },
    settings: {
      paired: text('device_token') !== null,
      serverUrl: withoutCredentials(text('server_url')),
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

/** Drops a user name and password from a URL, should one contain them. */
function withoutCredentials(url: string | null): string | null {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '[not a URL]';
  }
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
    userVersion: sqlite.pragma('user_version', { simple: true }) as number,
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
