import { createHash } from 'node:crypto';

import { and, asc, eq } from 'drizzle-orm';

import {
  digestText,
  type ReconcileInput,
  type ReconcileOutput,
} from '../../shared/reconciliation.js';
import type { Database } from '../db/connection.js';
import { orders } from '../db/schema.js';
import type { DevicePrincipal } from '../trucks/devices.js';

/**
 * Compares the orders a device reports for one business day with the ones
 * the server stored from that device. Orders of other devices of the same
 * truck are left out, because each terminal reconciles only its own. When
 * the digests differ the server's list of the day goes back, so the
 * terminal can tell which orders are missing on which side.
 */
export async function reconcileDay(
  db: Database,
  device: DevicePrincipal,
  input: ReconcileInput,
): Promise<ReconcileOutput> {
  const rows = await db
    .select({ id: orders.id, number: orders.number, total: orders.total })
    .from(orders)
    .where(
      and(
        eq(orders.deviceId, device.deviceId),
        eq(orders.truckId, device.truckId),
        eq(orders.businessDate, input.businessDate),
      ),
    )
    .orderBy(asc(orders.id));

  const digest = createHash('sha256')
    .update(digestText(rows.map((row) => row.id)))
    .digest('hex');
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const matches =
    digest === input.digest &&
    rows.length === input.count &&
    total === input.total;

  return {
    businessDate: input.businessDate,
    count: rows.length,
    total,
    digest,
    matches,
    ...(matches ? {} : { orders: rows }),
  };
}
