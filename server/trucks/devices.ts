import { and, eq } from 'drizzle-orm';

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

/**
 * The reason a known device token no longer works, in words a terminal
 * shows to its staff as is.
 */
export interface DeviceRejection {
  kind: 'rejected';
  message: string;
}

/**
 * Resolves a device token. A revoked device, or one of a retired truck,
 * resolves to the reason it stopped working, and an unknown token to
 * nothing.
 */
export async function findDevice(
  db: Database,
  token: string,
): Promise<DevicePrincipal | DeviceRejection | undefined> {
  const [row] = await db
    .select({
      deviceId: devices.id,
      truckId: devices.truckId,
      organizationId: trucks.organizationId,
      slot: devices.slot,
      revokedAt: devices.revokedAt,
      truckName: trucks.name,
      retiredAt: trucks.retiredAt,
    })
    .from(devices)
    .innerJoin(trucks, eq(trucks.id, devices.truckId))
    .where(eq(devices.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return undefined;

  if (row.revokedAt) {
    return {
      kind: 'rejected',
      message:
        `The owner unpaired this terminal on ${dayOf(row.revokedAt)}, so it ` +
        'no longer syncs. Its orders stay on this device. To sync again, ' +
        'ask the owner for a new pairing code.',
    };
  }
  if (row.retiredAt) {
    return {
      kind: 'rejected',
      message:
        `The owner retired truck "${row.truckName}" on ${dayOf(row.retiredAt)}, ` +
        'so its terminals no longer sync. Orders stay on this device. ' +
        'To use this terminal on another truck, ask the owner for a pairing code.',
    };
  }
  return {
    kind: 'device',
    deviceId: row.deviceId,
    truckId: row.truckId,
    organizationId: row.organizationId,
    slot: row.slot,
  };
}

function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
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
