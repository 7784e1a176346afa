import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Logger } from 'pino';

import { GalleyError } from '../../shared/errors.js';
import type {
  CreatedOrder,
  CurrentMenu,
  OrderRefunded,
  OrderSummary,
  OrderVoided,
  SetupStatus,
  SyncStatus,
} from '../../shared/local-api.js';
import type { DailyReport } from '../../shared/report.js';
import { BackOfficeBridge } from './back-office/back-office.js';
import { lockDataDir } from './data-dir-lock.js';
import { LocalReset } from './db/local-reset.js';
import {
  SupportService,
  type SupportStatus,
} from './diagnostics/support-service.js';
import { readActiveMenu } from './db/menu-store.js';
import {
  openDatabase,
  resolveMigrationsFolder,
  type OpenedDatabase,
} from './db/open-database.js';
import {
  isPaired,
  readSettings,
  truckOf,
  updateSettings,
} from './db/settings-store.js';
import { createCoreLogger } from './logger.js';
import { dailyReport, listOrders } from './orders/order-queries.js';
import { OrderService, type OrderContext } from './orders/order-service.js';
import { envMilliseconds } from './sync/backoff.js';
import { correctedTime } from './sync/clock-skew.js';
import { OutboxRepair } from './sync/outbox-repair.js';
import { OutboxStore } from './sync/outbox-store.js';
import { normalizeServerUrl, requestPairing } from './sync/pairing.js';
import { createServerClient, type ServerClient } from './sync/server-client.js';
import { Reconciler } from './sync/reconcile.js';
import { SyncAttemptLog } from './sync/sync-attempts.js';
import { SyncEngine, type SyncOptions } from './sync/sync-engine.js';
import {
  ChangeListener,
  type ChangeListenerOptions,
} from './sync/change-listener.js';
import { applyPullExtras, withPullExtras } from './sync/pull-extras.js';
import {
  CounterService,
  type CounterOrderRequest,
  type RefundRequest,
  type VoidRequest,
} from './staff/counter-service.js';
import { StaffSession } from './staff/staff-session.js';

export const databaseFileName = 'terminal.sqlite';

/** How often the WAL is copied into the database file outside commits. */
const checkpointIntervalMs = 30_000;

export interface TerminalCoreOptions {
  dataDir: string;
  /** Server to pair with when setup.pair names none. */
  serverUrl?: string;
  logger?: Logger;
  migrationsFolder?: string;
  sync?: SyncOptions;
  /** Timing of the menu-change long-poll loop. */
  changeListener?: ChangeListenerOptions;
  /** Starts the sync loop on open (default true). */
  startSync?: boolean;
  /** Replaces the HTTP client to the server; for tests. */
  createServerClient?: (
    serverUrl: string,
    deviceToken: string | null,
  ) => ServerClient;
  now?: () => Date;
}

export interface DismissRequest {
  entryId: string;
  reason: string;
  approvalPin?: string;
}

export interface PairRequest {
  pairingCode: string;
  deviceName?: string;
  serverUrl?: string;
}

/**
 * The terminal core: one open database, the order service and the sync
 * loop. Both local API adapters and the Electron shell go through this.
 */
export class TerminalCore {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly database: OpenedDatabase;
  readonly orders: OrderService;
  readonly outbox: OutboxStore;
  readonly sync: SyncEngine;
  readonly support: SupportService;
  private readonly localReset: LocalReset;
  /**
   * The time orders are stamped with: this machine's clock corrected by
   * the skew the last push or pull measured, unless options.now is set.
   */
  readonly clock: () => Date;
  readonly staffSession: StaffSession;
  readonly counter: CounterService;
  readonly backOffice: BackOfficeBridge;
  readonly changeListener: ChangeListener;
  private readonly defaultServerUrl: string | null;
  private readonly makeClient: (
    serverUrl: string,
    deviceToken: string | null,
  ) => ServerClient;
  private readonly releaseLock: () => void;
  private closed = false;
  private pairing = false;
  private orderContext: OrderContext | null = null;
  private readonly checkpointTimer: NodeJS.Timeout;

  constructor(
    options: TerminalCoreOptions,
    releaseLock: () => void,
    database: OpenedDatabase,
  ) {
    this.dataDir = options.dataDir;
    this.logger = options.logger ?? createCoreLogger();
    this.database = database;
    this.releaseLock = releaseLock;
    this.defaultServerUrl = options.serverUrl
      ? normalizeServerUrl(options.serverUrl)
      : null;

    const timeoutMs = options.sync?.requestTimeoutMs;
    this.makeClient =
      options.createServerClient ??
      ((serverUrl, deviceToken) =>
        createServerClient({ serverUrl, deviceToken, timeoutMs }));

    this.clock =
      options.now ??
      (() => correctedTime(Date.now(), this.sync.currentClockSkewMs()));
    this.orders = new OrderService(database.sqlite, this.clock);
    const now = this.clock;
    this.staffSession = new StaffSession(
      database.db,
      this.logger.child({ module: 'staff' }),
      now,
    );
    this.counter = new CounterService(
      database.sqlite,
      database.db,
      this.staffSession,
      this.orders,
      () => (this.orderContext ??= this.readOrderContext()),
      now,
    );
    this.backOffice = new BackOfficeBridge(
      () => readSettings(database.db).serverUrl ?? this.defaultServerUrl,
      this.logger.child({ module: 'back-office' }),
      timeoutMs,
    );
    this.outbox = new OutboxStore(database.sqlite);
    this.sync = new SyncEngine(
      {
        db: database.db,
        outbox: this.outbox,
        logger: this.logger.child({ module: 'sync' }),
        attempts: new SyncAttemptLog(database.sqlite),
        reconciler: new Reconciler(
          database.sqlite,
          new OutboxRepair(database.sqlite),
        ),
        today: () => this.today(),
        createClient: (settings) =>
          withPullExtras(
            this.makeClient(settings.serverUrl!, settings.deviceToken),
            (output) =>
              applyPullExtras(database.db, this.counter.availability, output),
          ),
        onPulled: () => {
          this.reloadOrderContext();
          this.staffSession.refreshFromStore();
        },
      },
      options.sync,
    );
    this.changeListener = new ChangeListener(
      {
        db: database.db,
        logger: this.logger.child({ module: 'change-listener' }),
        syncNow: () => this.sync.syncNow(),
      },
      options.changeListener,
    );
    this.support = new SupportService(
      database.sqlite,
      this.dataDir,
      this.logger.child({ module: 'support' }),
      options.migrationsFolder,
    );
    this.localReset = new LocalReset(database.sqlite);
    this.checkpointTimer = setInterval(
      () => this.checkpoint(),
      checkpointIntervalMs,
    );
    this.checkpointTimer.unref();
  }

  /**
   * Copies the WAL into the database file between orders. PASSIVE never
   * waits for readers or writers, so a busy moment only postpones it.
   */
  checkpoint(): void {
    try {
      const [result] = this.database.sqlite.pragma(
        'wal_checkpoint(PASSIVE)',
      ) as { busy: number; log: number; checkpointed: number }[];
      this.logger.debug({ ...result }, 'WAL checkpoint');
    } catch (error) {
      this.logger.warn({ err: error }, 'WAL checkpoint failed, retrying later');
    }
  }

  setupStatus(): SetupStatus {
    const settings = readSettings(this.database.db);
    return {
      paired: isPaired(settings),
      serverUrl: settings.serverUrl ?? this.defaultServerUrl,
      deviceName: settings.deviceName,
      truck: truckOf(settings),
      slot: settings.slot,
      menuVersion: readActiveMenu(this.database.db)?.version ?? null,
    };
  }

  /** Pairs with the server, stores the device token and pulls the menu. */
  async pair(request: PairRequest): Promise<SetupStatus> {
    if (this.pairing) {
      throw new GalleyError(
        'CONFLICT',
        'Pairing is already in progress. Wait for it to finish.',
      );
    }
    this.pairing = true;
    try {
      return await this.pairOnce(request);
    } finally {
      this.pairing = false;
    }
  }

  private async pairOnce(request: PairRequest): Promise<SetupStatus> {
    const { db } = this.database;
    if (isPaired(readSettings(db))) {
      throw new GalleyError(
        'CONFLICT',
        'This terminal is already paired. To pair it with another truck, start it with a new data directory.',
      );
    }

    const rawUrl = request.serverUrl ?? this.defaultServerUrl;
    if (!rawUrl) {
      throw new GalleyError(
        'BAD_REQUEST',
        'No server URL. Enter the address of the Galley server, such as http://192.168.1.10:4000.',
        { field: 'serverUrl' },
      );
    }
    const serverUrl = normalizeServerUrl(rawUrl);
    const deviceName = request.deviceName?.trim() || os.hostname();

    const paired = await requestPairing(
      this.makeClient(serverUrl, null),
      serverUrl,
      {
        pairingCode: request.pairingCode.trim(),
        deviceName,
      },
    );
    updateSettings(db, {
      serverUrl,
      deviceName,
      deviceId: paired.deviceId,
      deviceToken: paired.deviceToken,
      organizationName: paired.organizationName,
      slot: paired.slot,
      truckId: paired.truck.id,
      truckName: paired.truck.name,
      truckTimezone: paired.truck.timezone,
      pullCursor: '0',
    });
    this.reloadOrderContext();
    this.logger.info(
      {
        deviceId: paired.deviceId,
        truckId: paired.truck.id,
        slot: paired.slot,
      },
      'terminal paired',
    );

    // The first pull brings the menu. If it fails, the terminal stays paired
    // and the sync loop keeps retrying.
    await this.sync.syncNow();
    return this.setupStatus();
  }

  currentMenu(): CurrentMenu | null {
    return readActiveMenu(this.database.db);
  }

  /**
   * Takes an order for the signed-in staff member, without approval PINs.
   * Throws UNAUTHORIZED when the truck has staff and nobody is signed in.
   */
  createOrder(input: unknown): CreatedOrder {
    const takenBy = this.staffSession.requireSignedIn();
    const created = this.counter.createOrderNow(
      { order: input },
      takenBy,
      null,
    );
    this.sync.nudge();
    return created;
  }

  /** orders.create of the local API: the order plus approvalPin and menuVersion. */
  async createCounterOrder(
    input: Record<string, unknown> & {
      approvalPin?: string;
      menuVersion?: number;
    },
  ): Promise<CreatedOrder> {
    const { approvalPin, menuVersion, ...order } = input;
    const request: CounterOrderRequest = { order, approvalPin, menuVersion };
    const created = await this.counter.createOrder(request);
    this.sync.nudge();
    return created;
  }

  async voidOrder(request: VoidRequest): Promise<OrderVoided> {
    const voided = await this.counter.voidOrder(request);
    this.sync.nudge();
    return voided;
  }

  async refundOrder(request: RefundRequest): Promise<OrderRefunded> {
    const refunded = await this.counter.refundOrder(request);
    this.sync.nudge();
    return refunded;
  }

  /**
   * Drops the cached menu, slot and time zone that orders use, so the next
   * order reads them again. Call it after writing settings or menus.
   */
  reloadOrderContext(): void {
    this.orderContext = null;
  }

  private readOrderContext(): OrderContext {
    const settings = readSettings(this.database.db);
    return {
      menu: this.currentMenu(),
      slot: settings.slot,
      timezone: settings.truckTimezone,
      businessDayCutoff: settings.truckBusinessDayCutoff,
    };
  }

  listOrders(businessDate?: string): OrderSummary[] {
    return listOrders(this.database.db, businessDate ?? this.today());
  }

  dailyReport(businessDate: string): DailyReport {
    return dailyReport(this.database.db, businessDate);
  }

  syncStatus(): SyncStatus {
    return this.sync.status();
  }

  syncNow(): Promise<SyncStatus> {
    return this.sync.syncNow();
  }

  /** Queues a rejected outbox entry again and starts a sync. */
  retryRejected(entryId: string): SyncStatus {
    this.support.retryRejected(entryId);
    this.sync.nudge();
    return this.sync.status();
  }

  /**
   * Dismisses an entry the server rejected, approved by the signed-in
   * manager or owner or else by the owner of `approvalPin`. The entry and
   * its order stay on this terminal; they are only no longer sent.
   */
  async dismissRejected(request: DismissRequest): Promise<SupportStatus> {
    const signedIn = this.staffSession.requireSignedIn();
    this.support.requireRejected(request.entryId);
    if (signedIn === null && request.approvalPin === undefined) {
      // requireSignedIn returns null only on a terminal without staff.
      throw new GalleyError(
        'PRECONDITION_FAILED',
        'No staff on this terminal, so no manager can approve dismissing. The owner adds a manager in the back office, and the next sync brings them here.',
        { field: 'approvalPin' },
      );
    }
    const approver = await this.staffSession.approverFor(
      'dismissRejected',
      signedIn,
      request.approvalPin,
    );
    this.support.dismissRejected(request.entryId, {
      by: approver.id,
      at: this.clock().toISOString(),
      reason: request.reason,
    });
    return this.support.status();
  }

  /**
   * Forgets the pairing, keeping the order history. Rejected while any
   * order is not on the server (see LocalReset).
   */
  unpair(): SetupStatus {
    this.localReset.unpair();
    this.reloadOrderContext();
    this.logger.warn('terminal unpaired');
    return this.setupStatus();
  }

  /** Deletes pairing, menus and order history; rejected like unpair. */
  reset(): SetupStatus {
    this.localReset.reset();
    this.reloadOrderContext();
    this.logger.warn('terminal reset: local orders and settings deleted');
    return this.setupStatus();
  }

  /**
   * Today's business date in the truck's zone with its cut-off, or in this
   * machine's zone before pairing.
   */
  today(): string {
    return this.counter.businessDateAt(this.clock());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.checkpointTimer);
    await this.changeListener.stop();
    await this.sync.stop();
    this.database.sqlite.close();
    this.releaseLock();
    this.logger.info({ dataDir: this.dataDir }, 'terminal core stopped');
  }
}

/**
 * Opens the core on a data directory: takes its lock, opens and migrates
 * the database, and starts the sync loop when the terminal is paired.
 */
export function openTerminalCore(options: TerminalCoreOptions): TerminalCore {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(options.dataDir);

  let database: OpenedDatabase;
  try {
    database = openDatabase(
      path.join(options.dataDir, databaseFileName),
      resolveMigrationsFolder(options.migrationsFolder),
    );
  } catch (error) {
    lock.release();
    throw error;
  }

  const core = new TerminalCore(
    {
      ...options,
      sync: {
        maxBackoffMs: envMilliseconds('GALLEY_SYNC_MAX_BACKOFF_MS', 30_000),
        pullIntervalMs: envMilliseconds('GALLEY_MENU_PULL_INTERVAL_MS', 60_000),
        requestTimeoutMs: envMilliseconds(
          'GALLEY_SYNC_REQUEST_TIMEOUT_MS',
          15_000,
        ),
        ...options.sync,
      },
    },
    lock.release,
    database,
  );
  core.logger.info(
    { dataDir: options.dataDir, pid: process.pid },
    'terminal core started',
  );
  if (options.startSync !== false) {
    core.sync.start();
    core.changeListener.start();
  }
  return core;
}
