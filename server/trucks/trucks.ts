import { and, asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import {
  defaultBusinessDayCutoff,
  isValidTimeZone,
} from '../../shared/business-day.js';
import { GalleyError } from '../../shared/errors.js';
import type { TruckInfo } from '../../shared/sync.js';
import {
  nextChangeSeq,
  type WriteDeps,
} from '../changes/organization-write.js';
import { readTruckList } from '../cache/cached-trucks.js';
import type { FailSoftCache } from '../cache/fail-soft-cache.js';
import type { Database } from '../db/connection.js';
import { devices, trucks } from '../db/schema.js';
import { issuePairingCode } from './pairing.js';
import { runTruckWrite } from './truck-write.js';

export type TruckRow = typeof trucks.$inferSelect;

export interface TruckDevice {
  id: string;
  name: string;
  slot: number;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface TruckSummary extends Required<TruckInfo> {
  menuVersion: number | null;
  retiredAt: string | null;
  devices: TruckDevice[];
}

/** Creates a truck and its first pairing code. */
export async function createTruck(
  deps: WriteDeps,
  organizationId: string,
  input: { name: string; timezone: string; businessDayCutoff?: string },
  now: Date,
): Promise<{
  truckId: string;
  pairingCode: string;
  pairingCodeExpiresAt: string;
}> {
  assertTimeZone(input.timezone);
  const truckId = uuidv7();

  return runTruckWrite(deps, organizationId, async (tx) => {
    await tx.insert(trucks).values({
      id: truckId,
      organizationId,
      name: input.name,
      timezone: input.timezone,
      businessDayCutoff: input.businessDayCutoff ?? defaultBusinessDayCutoff,
      createdAt: now,
    });
    const code = await issuePairingCode(tx, truckId, now);
    return {
      value: {
        truckId,
        pairingCode: code.pairingCode,
        pairingCodeExpiresAt: code.expiresAt,
      },
      changedTruckIds: [truckId],
    };
  });
}

/**
 * Renames a truck or changes its time zone or business-day cut-off. Its
 * terminals pull the new values, and orders already taken keep their dates.
 */
export async function updateTruck(
  deps: WriteDeps,
  organizationId: string,
  truckId: string,
  changes: { name?: string; timezone?: string; businessDayCutoff?: string },
): Promise<TruckInfo> {
  if (changes.timezone !== undefined) assertTimeZone(changes.timezone);

  return runTruckWrite(deps, organizationId, async (tx) => {
    const truck = await getOwnedTruck(tx, organizationId, truckId);
    assertNotRetired(truck);
    const [updated] = await tx
      .update(trucks)
      .set({ ...changes, infoChangeSeq: nextChangeSeq })
      .where(eq(trucks.id, truck.id))
      .returning();
    return { value: toTruckInfo(updated!), changedTruckIds: [truck.id] };
  });
}

/**
 * Retires a truck: its devices stop syncing at once (with a message that
 * gives the reason), its pairing codes stop working, and its history stays. Retiring
 * a retired truck changes nothing.
 */
export async function retireTruck(
  deps: WriteDeps,
  organizationId: string,
  truckId: string,
  now: Date,
): Promise<{ retiredAt: string }> {
  return runTruckWrite(deps, organizationId, async (tx) => {
    const truck = await getOwnedTruck(tx, organizationId, truckId);
    if (truck.retiredAt) {
      return {
        value: { retiredAt: truck.retiredAt.toISOString() },
        changedTruckIds: [],
      };
    }
    await tx
      .update(trucks)
      .set({ retiredAt: now, infoChangeSeq: nextChangeSeq })
      .where(eq(trucks.id, truck.id));
    return {
      value: { retiredAt: now.toISOString() },
      changedTruckIds: [truck.id],
    };
  });
}

export async function listTrucks(
  db: Database,
  organizationId: string,
  cache?: FailSoftCache,
): Promise<TruckSummary[]> {
  // The truck rows come through the cache. Devices are read fresh each
  // time, because every push and pull updates their lastSeenAt.
  const load = () => loadTruckRows(db, organizationId);
  const truckRows = cache
    ? await readTruckList(cache, organizationId, load)
    : await load();
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
    ...truck,
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

/** Loads the organisation's trucks without devices, as JSON-safe values. */
async function loadTruckRows(
  db: Database,
  organizationId: string,
): Promise<Omit<TruckSummary, 'devices'>[]> {
  const truckRows = await db
    .select()
    .from(trucks)
    .where(eq(trucks.organizationId, organizationId))
    .orderBy(asc(trucks.createdAt), asc(trucks.id));

  return truckRows.map((truck) => ({
    ...toTruckInfo(truck),
    menuVersion: truck.activeMenuVersion,
    retiredAt: truck.retiredAt?.toISOString() ?? null,
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

/** Rejects changes to a retired truck, which keeps only its history. */
export function assertNotRetired(truck: TruckRow): void {
  if (truck.retiredAt) {
    throw new GalleyError(
      'CONFLICT',
      `Truck "${truck.name}" was retired on ${truck.retiredAt.toISOString()}, ` +
        'so it can no longer be changed. Create a new truck instead.',
      { field: 'truckId' },
    );
  }
}

export function toTruckInfo(truck: TruckRow): Required<TruckInfo> {
  return {
    id: truck.id,
    name: truck.name,
    timezone: truck.timezone,
    businessDayCutoff: truck.businessDayCutoff,
  };
}

function assertTimeZone(timezone: string): void {
  if (!isValidTimeZone(timezone)) {
    throw new GalleyError(
      'BAD_REQUEST',
      `Time zone "${timezone}" is not a known IANA time zone. ` +
        'Use a name such as "America/New_York".',
      { field: 'timezone' },
    );
  }
}
