import { z } from 'zod';

import {
  availabilityChangeSchema,
  availabilityStateSchema,
} from './availability.js';
import { businessDayCutoffPattern } from './business-day.js';
import { menuSchema } from './menu.js';
import { orderTotalsSchema, tenderMethods } from './order.js';
import { organizationSettingsSchema, syncedStaffSchema } from './staff.js';

/**
 * Schemas of the exchange between a terminal and the server: the synced
 * order snapshot, push batches with one result per entry, and cursor-based
 * pulls.
 */

const uuid = z.uuid();
const isoInstant = z.iso.datetime({ offset: true });
const minorUnits = z.number().int();
export const businessDateSchema = z.iso.date();

const decimalString = z.string().regex(/^\d{1,9}(\.\d{1,9})?$/);

/**
 * The shape of a synced order line. Quantities and amounts are bounded by
 * verifyOrderSnapshot on the server through the shared money and menu
 * rules, so their limits are written once, where the terminal applies them.
 */
export const orderLineSnapshotSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  quantity: z.number().int(),
  basePrice: minorUnits,
  modifiers: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        name: z.string().min(1).max(120),
        price: minorUnits,
        groupId: z.string().min(1).max(64),
      }),
    )
    .max(50),
  unitPrice: minorUnits,
  gross: minorUnits,
  discount: minorUnits,
  net: minorUnits,
  taxes: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: z.string().min(1).max(120),
        rate: decimalString,
      }),
    )
    .max(10),
});

const adjustmentSchema = z.union([
  z.object({ percent: decimalString }).strict(),
  z.object({ amount: minorUnits.min(0) }).strict(),
]);

export const tenderSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('cash'),
    cashGiven: minorUnits.min(0).optional(),
  }),
  z.object({ method: z.literal('card') }),
  z.object({ method: z.literal('other') }),
]);

/**
 * An order as the terminal took it: everything needed to show, report and
 * re-check it without the menu it came from.
 */
export const orderSnapshotSchema = z.object({
  id: uuid,
  number: z.number().int().min(1),
  terminalSequence: z.number().int().min(1),
  businessDate: businessDateSchema,
  createdAt: isoInstant,
  menuVersion: z.number().int().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxMode: z.enum(['exclusive', 'inclusive']),
  cashRounding: z.number().int().min(1).max(1000).nullable(),
  lines: z.array(orderLineSnapshotSchema).min(1).max(200),
  discount: adjustmentSchema.nullable(),
  tip: adjustmentSchema.nullable(),
  tender: tenderSchema,
  totals: orderTotalsSchema,
  payment: z.object({
    id: uuid,
    method: z.enum(['cash', 'card', 'other']),
    amount: minorUnits,
    cashGiven: minorUnits.nullable(),
    change: minorUnits,
  }),
  /**
   * The staff member signed in when the order was taken. Optional, so that
   * terminals built before staff sign-in keep syncing.
   */
  takenBy: z
    .object({ staffId: uuid, name: z.string().min(1).max(80) })
    .nullable()
    .optional(),
});

export type OrderSnapshot = z.infer<typeof orderSnapshotSchema>;

/**
 * A void cancels a whole order. It needs the approval of a manager or an
 * owner (`approvedBy`, a staff id), which may be the same person as
 * `staffId`. An order is voided at most once and never after a refund.
 */
export const orderVoidSchema = z.object({
  orderId: uuid,
  reason: z.string().trim().min(1, 'must not be empty').max(200),
  staffId: uuid,
  approvedBy: uuid,
  voidedAt: isoInstant,
});

export type OrderVoid = z.infer<typeof orderVoidSchema>;

/**
 * A refund of part or all of an order. The amounts of all refunds of an
 * order add up to at most its total. Needs a manager's or owner's approval.
 */
export const orderRefundSchema = z.object({
  orderId: uuid,
  /** The terminal's UUIDv7 for the refund. */
  refundId: uuid,
  amount: minorUnits.min(1, 'must be at least 1 minor unit'),
  method: z.enum(tenderMethods),
  reason: z.string().trim().min(1, 'must not be empty').max(200),
  staffId: uuid,
  approvedBy: uuid,
  refundedAt: isoInstant,
});

export type OrderRefund = z.infer<typeof orderRefundSchema>;

/** One outbox entry. Its id is the idempotency key the server dedupes on. */
export const outboxEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    id: uuid,
    kind: z.literal('order.created'),
    createdAt: isoInstant,
    payload: orderSnapshotSchema,
  }),
  z.object({
    id: uuid,
    kind: z.literal('order.voided'),
    createdAt: isoInstant,
    payload: orderVoidSchema,
  }),
  z.object({
    id: uuid,
    kind: z.literal('order.refunded'),
    createdAt: isoInstant,
    payload: orderRefundSchema,
  }),
  z.object({
    id: uuid,
    kind: z.literal('availability.changed'),
    createdAt: isoInstant,
    payload: availabilityChangeSchema,
  }),
]);

export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
export type OrderCreatedEntry = Extract<OutboxEntry, { kind: 'order.created' }>;

export const maxPushBatch = 500;

/**
 * A push batch. Entries are checked one by one on the server, so the batch
 * itself only needs each entry to carry an id and a kind.
 */
export const pushInputSchema = z.object({
  entries: z
    .array(z.object({ id: uuid, kind: z.string().max(64) }).passthrough())
    .min(1)
    .max(maxPushBatch),
});

export const pushEntryResultSchema = z.discriminatedUnion('status', [
  z.object({ id: uuid, status: z.literal('stored') }),
  z.object({ id: uuid, status: z.literal('duplicate') }),
  z.object({
    id: uuid,
    status: z.literal('rejected'),
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
    }),
  }),
]);

export type PushEntryResult = z.infer<typeof pushEntryResultSchema>;

export const pushOutputSchema = z.object({
  results: z.array(pushEntryResultSchema),
  serverTime: isoInstant,
});

export type PushOutput = z.infer<typeof pushOutputSchema>;

/** A server cursor: a decimal string of a monotonically increasing sequence. */
export const cursorSchema = z.string().regex(/^\d{1,19}$/);

export const pullInputSchema = z.object({ cursor: cursorSchema });

export const truckInfoSchema = z.object({
  id: uuid,
  name: z.string(),
  timezone: z.string(),
  /**
   * Local time at which the truck's business day starts, 'HH:MM'. A server
   * that predates cut-offs sends none, which means midnight.
   */
  businessDayCutoff: z
    .string()
    .regex(businessDayCutoffPattern)
    .optional()
    .default('00:00'),
});

/** The input type, so that code built before cut-offs still type-checks. */
export type TruckInfo = z.input<typeof truckInfoSchema>;

export const pullOutputSchema = z.object({
  cursor: cursorSchema,
  truck: truckInfoSchema,
  menu: z
    .object({
      version: z.number().int().min(1),
      menu: menuSchema,
    })
    .nullable(),
  /**
   * Every staff member of the organisation, inactive ones included, sent
   * when any of them changed after the cursor (and on a first pull with
   * cursor "0"). Absent means unchanged.
   */
  staff: z.array(syncedStaffSchema).optional(),
  /** The organisation's settings, sent on the same terms as `staff`. */
  settings: organizationSettingsSchema.optional(),
  /**
   * Every sold-out mark of the truck (set back ones included, with
   * soldOut false), sent on the same terms as `staff`.
   */
  availability: z.array(availabilityStateSchema).optional(),
  serverTime: isoInstant,
});

export type PullOutput = z.infer<typeof pullOutputSchema>;

/**
 * A long-poll: the server returns as soon as anything the truck pulls
 * changed after the cursor, or returns `changed: false` after about 25 s.
 * On `changed: true` the terminal calls sync.pull with the same cursor.
 */
export const waitForChangeInputSchema = z.object({ cursor: cursorSchema });

export const waitForChangeOutputSchema = z.object({
  changed: z.boolean(),
  serverTime: isoInstant,
});

export type WaitForChangeOutput = z.infer<typeof waitForChangeOutputSchema>;

export const pairInputSchema = z.object({
  pairingCode: z.string().trim().min(4).max(32),
  deviceName: z.string().trim().min(1).max(80),
});

export const pairOutputSchema = z.object({
  deviceId: uuid,
  deviceToken: z.string(),
  slot: z.number().int().min(0).max(99),
  truck: truckInfoSchema,
  organizationName: z.string(),
});

export type PairOutput = z.infer<typeof pairOutputSchema>;
