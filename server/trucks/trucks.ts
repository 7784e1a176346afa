import { and, asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import { isValidTimeZone } from '../../shared/business-day.js';
import { GalleyError } from '../../shared/errors.js';
import type { TruckInfo } from '../../shared/sync.js';
import type { Database } from '../db/connection.js';
import { devices, trucks } from '../db/schema.js';
import { issuePairingCode } from './pairing.js';

export type TruckRow = typeof trucks.$inferSelect;

export interface TruckDevice {
  id: string;
  name: string;
  slot: number;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface TruckSummary extends TruckInfo {
  menuVersion: number | null;
  devices: TruckDevice[];
}

/** Creates a truck and its first pairing code. */
export async function createTruck(
  db: Database,
  organizationId: string,
  input: { name: string; timezone: string },
  now: Date,
): Promise<{
  truckId: string;
  pairingCode: string;
  pairingCodeExpiresAt: string;
}> {
  if (!isValidTimeZone(input.timezone)) {
    throw new GalleyError(
      'BAD_REQUEST',
      `Time zone "${input.timezone}" is not a known IANA time zone. ` +
        'Use a name such as "America/New_York".',
      { field: 'timezone' },
    );
  }

  const truckId = uuidv7();
  await db.insert(trucks).values({
    id: truckId,
    organizationId,
    name: input.name,
    timezone: input.timezone,
    createdAt: now,
  });
  const code = await issuePairingCode(db, truckId, now);

  return {
    truckId,
    pairingCode: code.pairingCode,
    pairingCodeExpiresAt: code.expiresAt,
  };
}

export async function listTrucks(
  db: Database,
  organizationId: string,
): Promise<TruckSummary[]> {
  const truckRows = await db
    .select()
    .from(trucks)
    .where(eq(trucks.organizationId, organizationId))
    .orderBy(asc(trucks.createdAt), asc(trucks.id));
  if (truckRows.length === 0) return [];

  const deviceRows = await db
    .select()
    .from(devices)
    .where(
      inArray(
        devices.truckId,
        truckRows.map((truck) => truck.id),
      ),
    )
    .orderBy(asc(devices.slot), asc(devices.createdAt));

  return truckRows.map((truck) => ({
    id: truck.id,
    name: truck.name,
    timezone: truck.timezone,
    menuVersion: truck.activeMenuVersion,
    devices: deviceRows
      .filter((device) => device.truckId === truck.id)
      .map((device) => ({
        id: device.id,
        name: device.name,
        slot: device.slot,
        pairedAt: device.createdAt.toISOString(),
        lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
        revokedAt: device.revokedAt?.toISOString() ?? null,
      })),
  }));
}

/**
 * Loads a truck of the caller's organisation. A truck of another
 * organisation is reported exactly like a missing one, so ids of other
 * organisations cannot be probed.
 */
export async function getOwnedTruck(
  db: Database,
  organizationId: string,
  truckId: string,
): Promise<TruckRow> {
  const [truck] = await db
    .select()
    .from(trucks)
    .where(
      and(eq(trucks.id, truckId), eq(trucks.organizationId, organizationId)),
    )
    .limit(1);
  if (!truck) {
    throw new GalleyError(
      'NOT_FOUND',
      `Truck ${truckId} was not found. List your trucks to get its id.`,
      { field: 'truckId' },
    );
  }
  return truck;
}

export function toTruckInfo(truck: TruckRow): TruckInfo {
  return { id: truck.id, name: truck.name, timezone: truck.timezone };
}
