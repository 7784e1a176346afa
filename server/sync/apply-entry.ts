import { and, eq, sql } from 'drizzle-orm';

import { businessDateOf } from '../../shared/business-day.js';
import { approverRoles, type StaffRole } from '../../shared/staff.js';
import type {
  OrderRefund,
  OrderVoid,
  OutboxEntry,
  PushEntryResult,
} from '../../shared/sync.js';
import { recordAvailability } from '../availability/availability.js';
import {
  runOrganizationWrite,
  type WriteDeps,
} from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import {
  orderRefunds,
  orders,
  orderVoids,
  staff,
  syncEntries,
  trucks,
} from '../db/schema.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import type { EntryRejection } from './verify-order.js';

/** Outbox entries applied one by one after the batch's orders. */
export type LaterEntry = Exclude<OutboxEntry, { kind: 'order.created' }>;

/** Raised inside an entry's transaction to roll it back and reject it. */
class EntryRejected extends Error {
  readonly rejection: EntryRejection;

  constructor(rejection: EntryRejection) {
    super(rejection.message);
    this.rejection = rejection;
  }
}

/**
 * Applies one void, refund or sold-out entry in its own transaction. The
 * entry id is recorded in the same transaction, so a retry gets the result
 * `duplicate`. A rejected entry leaves no trace, so a corrected retry of
 * the same id can still succeed.
 */
export async function applyEntry(
  deps: WriteDeps,
  device: DevicePrincipal,
  entry: LaterEntry,
): Promise<PushEntryResult> {
  const apply = async (tx: Database): Promise<PushEntryResult> => {
    const [recorded] = await tx
      .insert(syncEntries)
      .values({
        id: entry.id,
        deviceId: device.deviceId,
        kind: entry.kind,
        subjectId: subjectOf(entry),
      })
      .onConflictDoNothing({ target: syncEntries.id })
      .returning({ id: syncEntries.id });
    if (!recorded) return { id: entry.id, status: 'duplicate' };

    if (entry.kind === 'order.voided') {
      await applyVoid(tx, device, entry.id, entry.payload);
    } else if (entry.kind === 'order.refunded') {
      await applyRefund(tx, device, entry.payload);
    } else {
      await checkStaff(tx, device, entry.payload.staffId, 'payload.staffId');
      await recordAvailability(tx, {
        truckId: device.truckId,
        sku: entry.payload.sku,
        target: entry.payload.target,
        soldOut: entry.payload.soldOut,
        until: entry.payload.until,
        changedAt: new Date(entry.payload.changedAt),
        staffId: entry.payload.staffId,
        ownerId: null,
      });
    }
    return { id: entry.id, status: 'stored' };
  };

  try {
    // Sold-out marks are pulled by terminals, so they take the organisation
    // lock and wake waiting terminals; voids and refunds are not pulled.
    return entry.kind === 'availability.changed'
      ? await runOrganizationWrite(deps, device.organizationId, apply)
      : await deps.db.transaction((tx) => apply(tx as unknown as Database));
  } catch (error) {
    if (error instanceof EntryRejected) {
      return { id: entry.id, status: 'rejected', error: error.rejection };
    }
    throw error;
  }
}

function subjectOf(entry: LaterEntry): string {
  if (entry.kind === 'order.voided') return entry.payload.orderId;
  if (entry.kind === 'order.refunded') return entry.payload.refundId;
  return entry.id;
}

async function applyVoid(
  tx: Database,
  device: DevicePrincipal,
  entryId: string,
  payload: OrderVoid,
): Promise<void> {
  const order = await lockOrder(tx, device, payload.orderId);
  await checkStaff(tx, device, payload.staffId, 'payload.staffId');
  await checkApprover(tx, device, payload.approvedBy);

  const [existing] = await tx
    .select({ voidedAt: orderVoids.voidedAt })
    .from(orderVoids)
    .where(eq(orderVoids.orderId, order.id))
    .limit(1);
  if (existing) {
    reject(
      'CONFLICT',
      'payload.orderId',
      `Order ${order.number} was already voided at ${existing.voidedAt.toISOString()}.`,
    );
  }
  const refunded = await refundedAmount(tx, order.id);
  if (refunded > 0) {
    reject(
      'CONFLICT',
      'payload.orderId',
      `Order ${order.number} already has refunds of ${refunded}, so it cannot ` +
        'be voided. Refund the rest instead.',
    );
  }

  await tx.insert(orderVoids).values({
    orderId: order.id,
    entryId,
    deviceId: device.deviceId,
    reason: payload.reason,
    staffId: payload.staffId,
    approvedBy: payload.approvedBy,
    voidedAt: new Date(payload.voidedAt),
  });
}

async function applyRefund(
  tx: Database,
  device: DevicePrincipal,
  payload: OrderRefund,
): Promise<void> {
  const order = await lockOrder(tx, device, payload.orderId);
  await checkStaff(tx, device, payload.staffId, 'payload.staffId');
  await checkApprover(tx, device, payload.approvedBy);

  const [sameId] = await tx
    .select({ orderId: orderRefunds.orderId })
    .from(orderRefunds)
    .where(eq(orderRefunds.id, payload.refundId))
    .limit(1);
  if (sameId) {
    reject(
      'CONFLICT',
      'payload.refundId',
      `Refund id ${payload.refundId} is already used by another refund. ` +
        'The terminal must give each refund a new id.',
    );
  }

  const [voided] = await tx
    .select({ orderId: orderVoids.orderId })
    .from(orderVoids)
    .where(eq(orderVoids.orderId, order.id))
    .limit(1);
  if (voided) {
    reject(
      'CONFLICT',
      'payload.orderId',
      `Order ${order.number} is voided, so there is nothing to refund.`,
    );
  }

  const left = order.total - (await refundedAmount(tx, order.id));
  if (payload.amount > left) {
    reject(
      'BAD_REQUEST',
      'payload.amount',
      `Refund of ${payload.amount} is more than the ${left} left to refund ` +
        `on order ${order.number} (total ${order.total}).`,
    );
  }

  const refundedAt = new Date(payload.refundedAt);
  await tx.insert(orderRefunds).values({
    id: payload.refundId,
    orderId: order.id,
    truckId: device.truckId,
    deviceId: device.deviceId,
    amount: payload.amount,
    method: payload.method,
    reason: payload.reason,
    staffId: payload.staffId,
    approvedBy: payload.approvedBy,
    refundedAt,
    businessDate: businessDateOf(
      refundedAt,
      order.timezone,
      order.businessDayCutoff,
    ),
  });
}

/** Loads and locks an order of the device's truck, so checks and insert agree. */
async function lockOrder(
  tx: Database,
  device: DevicePrincipal,
  orderId: string,
) {
  const [order] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      total: orders.total,
      timezone: trucks.timezone,
      businessDayCutoff: trucks.businessDayCutoff,
    })
    .from(orders)
    .innerJoin(trucks, eq(trucks.id, orders.truckId))
    .where(and(eq(orders.id, orderId), eq(orders.truckId, device.truckId)))
    .for('update', { of: orders })
    .limit(1);
  if (!order) {
    reject(
      'NOT_FOUND',
      'payload.orderId',
      `Order ${orderId} was not found on this truck. Push the order before ` +
        'its void or refund.',
    );
  }
  return order;
}

async function refundedAmount(tx: Database, orderId: string): Promise<number> {
  const [row] = await tx
    .select({ sum: sql<string | null>`sum(${orderRefunds.amount})` })
    .from(orderRefunds)
    .where(eq(orderRefunds.orderId, orderId));
  return Number(row?.sum ?? 0);
}

async function checkStaff(
  tx: Database,
  device: DevicePrincipal,
  staffId: string,
  field: string,
) {
  const [member] = await tx
    .select({ name: staff.name, role: staff.role })
    .from(staff)
    .where(
      and(
        eq(staff.id, staffId),
        eq(staff.organizationId, device.organizationId),
      ),
    )
    .limit(1);
  if (!member) {
    reject(
      'NOT_FOUND',
      field,
      `Staff member ${staffId} is not on this organisation's staff list. ` +
        'Pull the staff list and sign in again.',
    );
  }
  return member;
}

/** The phrase for each staff role in rejection messages. */
const roleDescriptions: Record<StaffRole, string> = {
  staff: 'a staff member',
  manager: 'a manager',
  owner: 'an owner',
};

async function checkApprover(
  tx: Database,
  device: DevicePrincipal,
  staffId: string,
): Promise<void> {
  const member = await checkStaff(tx, device, staffId, 'payload.approvedBy');
  if (!approverRoles.includes(member.role)) {
    reject(
      'FORBIDDEN',
      'payload.approvedBy',
      `${member.name} is ${roleDescriptions[member.role]}; ` +
        'only a manager or an owner may approve a void or refund.',
    );
  }
}

function reject(code: string, field: string, message: string): never {
  throw new EntryRejected({
    code,
    message: `${message} The entry was not stored.`,
    field,
  });
}
