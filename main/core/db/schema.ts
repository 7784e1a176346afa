import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
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
 * (migration 0001) rejects deleting any entry the server has not acked.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    entityId: text('entity_id').notNull(),
    payloadJson: text('payload_json').notNull(),
    createdAt: text('created_at').notNull(),
    state: text('state', { enum: ['pending', 'acked', 'rejected'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    ackedAt: text('acked_at'),
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
