import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * The terminal's SQLite schema. drizzle-kit reads this one file to generate
 * the migrations in drizzle/terminal, so it imports nothing but drizzle-orm.
 * Money columns are integers in the currency's minor unit, times are ISO-8601
 * strings, and JSON columns contain the snapshot exactly as the order was sold.
 */

/** The one row of pairing and sync state (id is always 1). */
export const settings = sqliteTable(
  'settings',
  {
    id: integer('id').primaryKey(),
    serverUrl: text('server_url'),
    deviceId: text('device_id'),
    deviceName: text('device_name'),
    deviceToken: text('device_token'),
    organizationName: text('organization_name'),
    truckId: text('truck_id'),
    truckName: text('truck_name'),
    truckTimezone: text('truck_timezone'),
    slot: integer('slot'),
    pullCursor: text('pull_cursor').notNull().default('0'),
    lastSyncSuccessAt: text('last_sync_success_at'),
    lastSyncError: text('last_sync_error'),
    /** Local 'HH:MM' at which the truck's business day starts. */
    truckBusinessDayCutoff: text('truck_business_day_cutoff')
      .notNull()
      .default('00:00'),
    /** Organisation setting from sync.pull, a decimal string such as "10". */
    discountLimitPercent: text('discount_limit_percent')
      .notNull()
      .default('10'),
    idleLockSeconds: integer('idle_lock_seconds').notNull().default(300),
    /**
     * Server clock minus this terminal's clock in ms, measured at the last
     * push or pull. Orders are stamped with the corrected time, so business
     * dates stay right when the terminal's clock is off.
     */
    clockSkewMs: integer('clock_skew_ms'),
    /** The last reconciliation result as JSON (a Reconciliation). */
    reconciliationJson: text('reconciliation_json'),
  },
  (table) => [check('settings_single_row', sql`${table.id} = 1`)],
);

/** Menu versions received from the server. A partial unique index keeps at most one active. */
export const menus = sqliteTable(
  'menus',
  {
    version: integer('version').primaryKey(),
    menuJson: text('menu_json').notNull(),
    receivedAt: text('received_at').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [
    uniqueIndex('menus_one_active')
      .on(table.active)
      .where(sql`${table.active} = 1`),
  ],
);

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull(),
    terminalSequence: integer('terminal_sequence').notNull(),
    businessDate: text('business_date').notNull(),
    createdAt: text('created_at').notNull(),
    menuVersion: integer('menu_version').notNull(),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: ['exclusive', 'inclusive'] }).notNull(),
    cashRounding: integer('cash_rounding'),
    discountJson: text('discount_json'),
    tipJson: text('tip_json'),
    tenderJson: text('tender_json').notNull(),
    tenderMethod: text('tender_method', {
      enum: ['cash', 'card', 'other'],
    }).notNull(),
    subtotal: integer('subtotal').notNull(),
    discount: integer('discount').notNull(),
    tax: integer('tax').notNull(),
    tip: integer('tip').notNull(),
    rounding: integer('rounding').notNull(),
    total: integer('total').notNull(),
    change: integer('change').notNull(),
    taxByRateJson: text('tax_by_rate_json').notNull(),
    takenByStaffId: text('taken_by_staff_id'),
    takenByName: text('taken_by_name'),
    /** The manager or owner whose PIN approved a discount above the limit. */
    discountApprovedBy: text('discount_approved_by'),
  },
  (table) => [
    uniqueIndex('orders_business_date_sequence').on(
      table.businessDate,
      table.terminalSequence,
    ),
    index('orders_business_date_created_at').on(
      table.businessDate,
      table.createdAt,
    ),
  ],
);

/** Order lines with the names, prices, modifiers and tax rates sold. */
export const orderLines = sqliteTable(
  'order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    basePrice: integer('base_price').notNull(),
    modifiersJson: text('modifiers_json').notNull(),
    unitPrice: integer('unit_price').notNull(),
    gross: integer('gross').notNull(),
    discount: integer('discount').notNull(),
    net: integer('net').notNull(),
    taxesJson: text('taxes_json').notNull(),
  },
  (table) => [
    uniqueIndex('order_lines_order_position').on(table.orderId, table.position),
  ],
);

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    method: text('method', { enum: ['cash', 'card', 'other'] }).notNull(),
    amount: integer('amount').notNull(),
    cashGiven: integer('cash_given'),
    change: integer('change').notNull(),
  },
  (table) => [index('payments_order_id').on(table.orderId)],
);

/**
 * Changes waiting for the server. Rejected entries are kept, and a trigger
 * (migration 0001) rejects deleting any entry the server has not acked. A
 * manager may dismiss a rejected entry: it then stays here for good, with
 * who dismissed it, when and why, and is no longer sent or counted.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    entityId: text('entity_id').notNull(),
    payloadJson: text('payload_json').notNull(),
    createdAt: text('created_at').notNull(),
    state: text('state', {
      enum: ['pending', 'acked', 'rejected', 'dismissed'],
    })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    ackedAt: text('acked_at'),
    dismissedAt: text('dismissed_at'),
    /** The manager or owner whose PIN dismissed the entry. */
    dismissedBy: text('dismissed_by'),
    dismissReason: text('dismiss_reason'),
  },
  (table) => [
    // UUIDv7 ids sort by creation time, so (state, id) serves both the
    // pending count and the oldest-pending-first batch query.
    index('outbox_state_id').on(table.state, table.id),
    index('outbox_entity_id').on(table.entityId),
  ],
);

/** The last order sequence this terminal used on each business date. */
export const dailyCounters = sqliteTable('daily_counters', {
  businessDate: text('business_date').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
});

/**
 * Recent sync cycles with their outcome, kept for the support archive. The
 * sync engine keeps the newest rows only (see syncAttemptsKept).
 */
export const syncAttempts = sqliteTable('sync_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at').notNull(),
  outcome: text('outcome', { enum: ['ok', 'failed'] }).notNull(),
  pushed: integer('pushed').notNull(),
  acked: integer('acked').notNull(),
  rejected: integer('rejected').notNull(),
  httpStatus: integer('http_status'),
  error: text('error'),
});

/** Staff of the organisation as the last sync.pull sent them, PIN hashes included. */
export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['staff', 'manager', 'owner'] }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  pinHash: text('pin_hash').notNull(),
  pinSalt: text('pin_salt').notNull(),
  pinParamsJson: text('pin_params_json').notNull(),
});

/**
 * Wrong PINs in a row at this terminal (id is always 1). Stored, so that a
 * restart does not reset a lock-out.
 */
export const pinLockout = sqliteTable(
  'pin_lockout',
  {
    id: integer('id').primaryKey(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: text('locked_until'),
  },
  (table) => [check('pin_lockout_single_row', sql`${table.id} = 1`)],
);

/** The latest sold-out mark per SKU, by changedAt, set here or pulled. */
export const availabilityMarks = sqliteTable(
  'availability_marks',
  {
    target: text('target', { enum: ['item', 'option'] }).notNull(),
    sku: text('sku').notNull(),
    soldOut: integer('sold_out', { mode: 'boolean' }).notNull(),
    /** JSON of `until` as set: absent (null column), a date, or null. */
    untilJson: text('until_json'),
    changedAt: text('changed_at').notNull(),
    staffId: text('staff_id'),
  },
  (table) => [primaryKey({ columns: [table.target, table.sku] })],
);

/** At most one void per order. */
export const orderVoids = sqliteTable('order_voids', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => orders.id),
  reason: text('reason').notNull(),
  staffId: text('staff_id').notNull(),
  approvedBy: text('approved_by').notNull(),
  voidedAt: text('voided_at').notNull(),
  businessDate: text('business_date').notNull(),
});

/** Refunds, counted in the report of the business date they were given. */
export const orderRefunds = sqliteTable(
  'order_refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    amount: integer('amount').notNull(),
    method: text('method', { enum: ['cash', 'card', 'other'] }).notNull(),
    reason: text('reason').notNull(),
    staffId: text('staff_id').notNull(),
    approvedBy: text('approved_by').notNull(),
    refundedAt: text('refunded_at').notNull(),
    businessDate: text('business_date').notNull(),
  },
  (table) => [
    index('order_refunds_order_id').on(table.orderId),
    index('order_refunds_business_date').on(table.businessDate),
  ],
);
