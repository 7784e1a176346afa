import { and, inArray, ne } from 'drizzle-orm';
import type { Logger } from 'pino';

import {
  outboxEntrySchema,
  type OrderSnapshot,
  type OutboxEntry,
  type PushEntryResult,
} from '../../shared/sync.js';
import type { WriteDeps } from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { orderLines, orders, syncEntries } from '../db/schema.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import { applyEntry, type LaterEntry } from './apply-entry.js';
import { findMenuMismatches } from './menu-consistency.js';
import { verifyOrderSnapshot, type EntryRejection } from './verify-order.js';

/** An order entry that passed validation and waits to be written. */
interface AcceptedEntry {
  id: string;
  kind: 'order.created';
  order: OrderSnapshot;
}

/**
 * PostgreSQL accepts at most 65535 parameters per statement, so inserts are
 * split into chunks well below that.
 */
const maxParametersPerInsert = 30_000;

/**
 * Stores a batch of outbox entries from one device. Each entry is validated
 * on its own, so one bad entry never blocks the others. Valid orders are
 * written first, in one transaction with ON CONFLICT DO NOTHING on the
 * entry id and on the order id: a retried or concurrently pushed batch gets
 * `duplicate` answers and never a second row. The other kinds (voids,
 * refunds, sold-out marks) follow in batch order, one transaction each, so
 * a void can follow its order in the same batch.
 */
export async function pushEntries(
  deps: WriteDeps,
  device: DevicePrincipal,
  entries: unknown[],
  logger: Logger,
): Promise<PushEntryResult[]> {
  const { db } = deps;
  const results = new Map<string, PushEntryResult>();
  const accepted: AcceptedEntry[] = [];
  const later: LaterEntry[] = [];
  const batchOrderIds = new Set<string>();
  const seenIds = new Set<string>();

  for (const raw of entries) {
    const id = (raw as { id: string }).id;
    if (seenIds.has(id)) continue;
    seenIds.add(id);

    const checked = checkEntry(raw);
    if ('rejection' in checked) {
      results.set(id, { id, status: 'rejected', error: checked.rejection });
      logger.warn(
        {
          entryId: id,
          deviceId: device.deviceId,
          field: checked.rejection.field,
        },
        'Rejected outbox entry',
      );
    } else if ('later' in checked) {
      later.push(checked.later);
    } else if (batchOrderIds.has(checked.entry.order.id)) {
      results.set(id, { id, status: 'duplicate' });
    } else {
      batchOrderIds.add(checked.entry.order.id);
      accepted.push(checked.entry);
    }
  }

  const mismatches = await findMenuMismatches(
    db,
    device.truckId,
    accepted.map((entry) => ({ entryId: entry.id, order: entry.order })),
  );
  for (const [id, rejection] of mismatches) {
    results.set(id, { id, status: 'rejected', error: rejection });
    logger.warn(
      { entryId: id, deviceId: device.deviceId, field: rejection.field },
      'Rejected outbox entry',
    );
  }
  const consistent = accepted.filter((entry) => !mismatches.has(entry.id));

  if (consistent.length > 0) {
    const written = await writeEntries(db, device, consistent);
    for (const result of written) results.set(result.id, result);
  }

  for (const entry of later) {
    const result = await applyEntry(deps, device, entry);
    results.set(entry.id, result);
    if (result.status === 'rejected') {
      logger.warn(
        {
          entryId: entry.id,
          kind: entry.kind,
          deviceId: device.deviceId,
          field: result.error.field,
        },
        'Rejected outbox entry',
      );
    }
  }

  // One result per distinct entry id, in the order the batch sent them.
  const seen = new Set<string>();
  return entries.flatMap((raw) => {
    const id = (raw as { id: string }).id;
    if (seen.has(id)) return [];
    seen.add(id);
    return [results.get(id)!];
  });
}

function checkEntry(
  raw: unknown,
):
  | { entry: AcceptedEntry }
  | { later: LaterEntry }
  | { rejection: EntryRejection } {
  const parsed = outboxEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    return {
      rejection: {
        code: 'BAD_REQUEST',
        message: `Invalid entry${field ? ` at "${field}"` : ''}: ${issue.message}.`,
        ...(field ? { field } : {}),
      },
    };
  }

  const entry: OutboxEntry = parsed.data;
  if (entry.kind !== 'order.created') return { later: entry };

  const rejection = verifyOrderSnapshot(entry.payload);
  if (rejection) return { rejection };

  return { entry: { id: entry.id, kind: entry.kind, order: entry.payload } };
}

async function writeEntries(
  db: Database,
  device: DevicePrincipal,
  accepted: AcceptedEntry[],
): Promise<PushEntryResult[]> {
  return db.transaction(async (tx) => {
    // Entry ids first: a concurrent push of the same entries waits here on
    // the primary key until this transaction ends, then inserts nothing.
    const newEntryIds = new Set<string>();
    for (const chunk of chunksFor(accepted, 5)) {
      const rows = await tx
        .insert(syncEntries)
        .values(
          chunk.map((entry) => ({
            id: entry.id,
            deviceId: device.deviceId,
            kind: entry.kind,
            subjectId: entry.order.id,
          })),
        )
        .onConflictDoNothing({ target: syncEntries.id })
        .returning({ id: syncEntries.id });
      for (const row of rows) newEntryIds.add(row.id);
    }

    const fresh = accepted.filter((entry) => newEntryIds.has(entry.id));
    const storedOrderIds = await insertOrders(
      tx as unknown as Database,
      device,
      fresh,
    );
    const foreign = await findForeignOrderIds(
      tx as unknown as Database,
      device.truckId,
      fresh.filter((entry) => !storedOrderIds.has(entry.order.id)),
    );
    if (foreign.size > 0) {
      // Forget these entry ids, so that a retry is rejected again instead
      // of being reported as a duplicate of an order it does not own.
      await tx.delete(syncEntries).where(
        inArray(
          syncEntries.id,
          accepted
            .filter((entry) => foreign.has(entry.order.id))
            .map((entry) => entry.id),
        ),
      );
    }

    return accepted.map((entry): PushEntryResult => {
      if (foreign.has(entry.order.id)) {
        return {
          id: entry.id,
          status: 'rejected',
          error: {
            code: 'CONFLICT',
            message:
              `Order id ${entry.order.id} is already used by another truck. ` +
              'The terminal must give the order a new id.',
            field: 'payload.id',
          },
        };
      }
      const stored = storedOrderIds.has(entry.order.id);
      return { id: entry.id, status: stored ? 'stored' : 'duplicate' };
    });
  });
}

async function insertOrders(
  db: Database,
  device: DevicePrincipal,
  entries: AcceptedEntry[],
): Promise<Set<string>> {
  const stored = new Set<string>();
  for (const chunk of chunksFor(entries, 20)) {
    const rows = await db
      .insert(orders)
      .values(chunk.map((entry) => toOrderRow(device, entry.order)))
      .onConflictDoNothing({ target: orders.id })
      .returning({ id: orders.id });
    for (const row of rows) stored.add(row.id);
  }

  const lines = entries
    .filter((entry) => stored.has(entry.order.id))
    .flatMap((entry) =>
      entry.order.lines.map((line, position) => ({
        orderId: entry.order.id,
        position,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        gross: line.gross,
        discount: line.discount,
        net: line.net,
      })),
    );
  for (const chunk of chunksFor(lines, 9)) {
    await db.insert(orderLines).values(chunk);
  }
  return stored;
}

/** Finds which of the already stored orders belong to another truck. */
async function findForeignOrderIds(
  db: Database,
  truckId: string,
  entries: AcceptedEntry[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();

  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        inArray(
          orders.id,
          entries.map((entry) => entry.order.id),
        ),
        ne(orders.truckId, truckId),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/** Maps an order to its row. The truck is the device's, whatever the payload contains. */
function toOrderRow(device: DevicePrincipal, order: OrderSnapshot) {
  return {
    id: order.id,
    truckId: device.truckId,
    deviceId: device.deviceId,
    number: order.number,
    businessDate: order.businessDate,
    createdAt: new Date(order.createdAt),
    currency: order.currency,
    subtotal: order.totals.subtotal,
    discount: order.totals.discount,
    tax: order.totals.tax,
    taxByRate: order.totals.taxByRate,
    tip: order.totals.tip,
    rounding: order.totals.rounding,
    total: order.totals.total,
    change: order.totals.change,
    tenderMethod: order.tender.method,
    snapshot: order,
  };
}

function chunksFor<T>(rows: T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(maxParametersPerInsert / columnsPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}
