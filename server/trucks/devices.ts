import { and, eq, isNull } from 'drizzle-orm';

import { GalleyError } from '../../shared/errors.js';
import { hashToken } from '../auth/tokens.js';
import type { Database } from '../db/connection.js';
import { devices, trucks } from '../db/schema.js';

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  truckId: string;
  organizationId: string;
  slot: number;
}

/** Resolves a device token. A revoked device's token resolves to nothing. */
export async function findDevice(
  db: Database,
  token: string,
): Promise<DevicePrincipal | undefined> {
  const [row] = await db
    .select({
      deviceId: devices.id,
      truckId: devices.truckId,
      organizationId: trucks.organizationId,
      slot: devices.slot,
    })
    .from(devices)
    .innerJoin(trucks, eq(trucks.id, devices.truckId))
    .where(
      and(eq(devices.tokenHash, hashToken(token)), isNull(devices.revokedAt)),
    )
    .limit(1);

  return row ? { kind: 'device', ...row } : undefined;
}

/** Records when a device last synced, for the owner's device list. */
export async function touchDevice(
  db: Database,
  deviceId: string,
  now: Date,
): Promise<void> {
  await db
    .update(devices)
    .set({ lastSeenAt: now })
    .where(eq(devices.id, deviceId));
}

/**
 * Revokes a device of the caller's organisation: its token stops working
 * at once and its slot becomes free for a new device.
 */
export async function revokeDevice(
  db: Database,
  organizationId: string,
  deviceId: string,
  now: Date,
): Promise<void> {
  const [device] = await db
    .select({ id: devices.id, revokedAt: devices.revokedAt })
    .from(devices)
    .innerJoin(trucks, eq(trucks.id, devices.truckId))
    .where(
      and(eq(devices.id, deviceId), eq(trucks.organizationId, organizationId)),
    )
    .limit(1);
  if (!device) {
    throw new GalleyError(
      'NOT_FOUND',
      `Device ${deviceId} was not found. List your trucks to see their devices.`,
      { field: 'deviceId' },
    );
  }
  if (device.revokedAt) return;

  await db
    .update(devices)
    .set({ revokedAt: now })
    .where(eq(devices.id, deviceId));
}
