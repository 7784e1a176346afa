import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The central server's PostgreSQL schema, used unchanged on PGlite and on a
 * real PostgreSQL. drizzle-kit reads this one file to generate migrations,
 * so it imports nothing but drizzle-orm.
 */

/**
 * One sequence orders every change a terminal can pull or that the server
 * stores from a push. Pull cursors are values of this sequence, never wall
 * clock times, so a terminal clock that is off changes nothing.
 */
export const changeSequence = pgSequence('galley_change_seq');

const nextChange = sql`nextval('galley_change_seq')`;

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .defaultNow(),
};

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Decimal string: discounts above this percentage need a manager. */
  discountLimitPercent: text('discount_limit_percent').notNull().default('10'),
  idleLockSeconds: integer('idle_lock_seconds').notNull().default(300),
  /** Change sequence value of the last settings update, null if never. */
  settingsChangeSeq: bigint('settings_change_seq', { mode: 'bigint' }),
  ...timestamps,
});

export const owners = pgTable('owners', {
  id: uuid('id').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  /** Lower-cased and trimmed, so sign-in ignores case. */
  email: text('email').notNull().unique(),
  /** scrypt$N$r$p$salt$hash, all binary parts base64url. */
  passwordHash: text('password_hash').notNull(),
  ...timestamps,
});

export const ownerSessions = pgTable(
  'owner_sessions',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id),
    /** SHA-256 of the bearer token, hex. The token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('owner_sessions_owner_idx').on(table.ownerId)],
);

/** A single-use code with which a second owner joins an organisation. */
export const ownerInvites = pgTable(
  'owner_invites',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email').notNull(),
    /** SHA-256 of the invite code, hex. */
    codeHash: text('code_hash').notNull().unique(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => owners.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('owner_invites_organization_idx').on(table.organizationId)],
);

export const trucks = pgTable(
  'trucks',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** IANA time zone that business dates of this truck follow. */
    timezone: text('timezone').notNull(),
    activeMenuVersion: integer('active_menu_version'),
    /** Change sequence value of the last activation of a menu. */
    menuChangeSeq: bigint('menu_change_seq', { mode: 'bigint' }),
    /** Local 'HH:MM' at which the truck's business day starts. */
    businessDayCutoff: text('business_day_cutoff').notNull().default('00:00'),
    /** Change sequence value of the last rename or time setting change. */
    infoChangeSeq: bigint('info_change_seq', { mode: 'bigint' }),
    /** A retired truck keeps its history, but its devices stop syncing. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('trucks_organization_idx').on(table.organizationId)],
);

export const pairingCodes = pgTable(
  'pairing_codes',
  {
    id: uuid('id').primaryKey(),
    truckId: uuid('truck_id')
      .notNull()
      .references(() => trucks.id),
    /** SHA-256 of the normalised code (no dash, upper case), hex. */
    codeHash: text('code_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('pairing_codes_truck_idx').on(table.truckId)],
);

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    truckId: uuid('truck_id')
      .notNull()
      .references(() => trucks.id),
    name: text('name').notNull(),
    /** 0..99, unique among the truck's active devices. */
    slot: integer('slot').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('devices_active_slot_idx')
      .on(table.truckId, table.slot)
      .where(sql`${table.revokedAt} is null`),
  ],
);

/**
 * An organisation's menu with its editable draft. The draft is always a
 * valid galley.menu.v1 menu; `name` mirrors the draft's name.
 */
export const menus = pgTable(
  'menus',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    draft: jsonb('draft').notNull(),
    /** Counts draft saves, for optimistic concurrency between owners. */
    draftRevision: integer('draft_revision').notNull().default(1),
    draftUpdatedAt: timestamp('draft_updated_at', {
      withTimezone: true,
    }).notNull(),
    ...timestamps,
  },
  (table) => [index('menus_organization_idx').on(table.organizationId)],
);

/** Immutable published versions of an organisation's menu. */
export const menuPublications = pgTable(
  'menu_publications',
  {
    menuId: uuid('menu_id')
      .notNull()
      .references(() => menus.id),
    version: integer('version').notNull(),
    menu: jsonb('menu').notNull(),
    publishedBy: uuid('published_by').references(() => owners.id),
    ...timestamps,
  },
  (table) => [primaryKey({ columns: [table.menuId, table.version] })],
);

/**
 * Immutable menu versions as each truck numbers them: terminals see only
 * these per-truck numbers, which grow by one on every assignment. A truck
 * points at its active one. `menuId` and `menuPublication` name the
 * published version it is a copy of (null on rows from before drafts).
 */
export const menuVersions = pgTable(
  'menu_versions',
  {
    truckId: uuid('truck_id')
      .notNull()
      .references(() => trucks.id),
    version: integer('version').notNull(),
    menu: jsonb('menu').notNull(),
    importedBy: uuid('imported_by').references(() => owners.id),
    menuId: uuid('menu_id').references(() => menus.id),
    menuPublication: integer('menu_publication'),
    ...timestamps,
  },
  (table) => [primaryKey({ columns: [table.truckId, table.version] })],
);

/** Counter staff of an organisation, who sign in at a terminal with a PIN. */
export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    role: text('role').$type<'staff' | 'manager' | 'owner'>().notNull(),
    active: boolean('active').notNull().default(true),
    /** base64url scrypt output, with its parameters in pin_params. */
    pinHash: text('pin_hash').notNull(),
    pinSalt: text('pin_salt').notNull(),
    pinParams: jsonb('pin_params').notNull(),
    changeSeq: bigint('change_seq', { mode: 'bigint' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (table) => [index('staff_organization_idx').on(table.organizationId)],
);

/**
 * The latest sold-out mark per truck and SKU. A mark replaces the stored
 * one only when its changed_at is later, so the last writer wins whatever
 * order the marks arrive in.
 */
export const availability = pgTable(
  'availability',
  {
    truckId: uuid('truck_id')
      .notNull()
      .references(() => trucks.id),
    target: text('target').$type<'item' | 'option'>().notNull(),
    sku: text('sku').notNull(),
    soldOut: boolean('sold_out').notNull(),
    /** 'day' (through the business day of changed_at), 'date' or 'set-back'. */
    untilKind: text('until_kind')
      .$type<'day' | 'date' | 'set-back'>()
      .notNull(),
    untilDate: date('until_date', { mode: 'string' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    ownerId: uuid('owner_id').references(() => owners.id),
    changeSeq: bigint('change_seq', { mode: 'bigint' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.truckId, table.target, table.sku] }),
  ],
);

/** Voids, append-only: at most one per order. */
export const orderVoids = pgTable('order_voids', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => orders.id),
  entryId: uuid('entry_id').notNull().unique(),
  deviceId: uuid('device_id')
    .notNull()
    .references(() => devices.id),
  reason: text('reason').notNull(),
  staffId: uuid('staff_id')
    .notNull()
    .references(() => staff.id),
  approvedBy: uuid('approved_by')
    .notNull()
    .references(() => staff.id),
  voidedAt: timestamp('voided_at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true })
    .notNull()
    .defaultNow(),
});

/** Refunds, append-only. Their amounts add up to at most the order total. */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    /** The terminal's UUIDv7 for the refund. */
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    truckId: uuid('truck_id')
      .notNull()
      .references(() => trucks.id),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    method: text('method').$type<'cash' | 'card' | 'other'>().notNull(),
    reason: text('reason').notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    approvedBy: uuid('approved_by')
      .notNull()
      .references(() => staff.id),
    refundedAt: timestamp('refunded_at', { withTimezone: true }).notNull(),
    /** The truck's business date of refunded_at, the day it is reported. */
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    index('order_refunds_order_idx').on(table.orderId),
    index('order_refunds_truck_date_idx').on(table.truckId, table.businessDate),
  ],
);

export const orders = pgTable(
  'orders',
  {
    /** The terminal's UUIDv7 for the order, so a second push adds no row. */
    id: uuid('id').primaryKey(),
    truckId: uuid('truck_id')
      .notNull()
      .references(() => trucks.id),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    serverSeq: bigint('server_seq', { mode: 'bigint' })
      .notNull()
      .unique()
      .default(nextChange),
    number: integer('number').notNull(),
    /** The business date the terminal stamped, in the truck's time zone. */
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    currency: text('currency').notNull(),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull(),
    discount: bigint('discount', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    taxByRate: jsonb('tax_by_rate').$type<Record<string, number>>().notNull(),
    tip: bigint('tip', { mode: 'number' }).notNull(),
    rounding: bigint('rounding', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    change: bigint('change', { mode: 'number' }).notNull(),
    tenderMethod: text('tender_method')
      .$type<'cash' | 'card' | 'other'>()
      .notNull(),
    snapshot: jsonb('snapshot').notNull(),
  },
  (table) => [
    index('orders_truck_date_idx').on(table.truckId, table.businessDate),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    gross: bigint('gross', { mode: 'number' }).notNull(),
    discount: bigint('discount', { mode: 'number' }).notNull(),
    net: bigint('net', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.position] })],
);

/**
 * Every outbox entry the server has accepted, keyed by the terminal's entry
 * id, so a retried entry is recognised even when its order is already stored.
 */
export const syncEntries = pgTable(
  'sync_entries',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    kind: text('kind').notNull(),
    /**
     * The record the entry created or changed (an order id for
     * order.created). No foreign key, because entries of future kinds will
     * point at other tables.
     */
    subjectId: uuid('subject_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (table) => [index('sync_entries_device_idx').on(table.deviceId)],
);
