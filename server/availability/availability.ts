import { asc, eq, lt } from 'drizzle-orm';

import {
  isSoldOutNow,
  type AvailabilityState,
  type AvailabilityTarget,
} from '../../shared/availability.js';
import {
  nextChangeSeq,
  runOrganizationWrite,
  type WriteDeps,
} from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { availability } from '../db/schema.js';

export interface AvailabilityMark {
  truckId: string;
  sku: string;
  target: AvailabilityTarget;
  soldOut: boolean;
  /** As in availabilityChangeSchema: omitted, a date, or null. */
  until?: string | null | undefined;
  changedAt: Date;
  staffId: string | null;
  ownerId: string | null;
}

/**
 * Stores a mark unless a later one is already stored for the same SKU, so
 * the last writer by `changedAt` wins whatever order marks arrive in. On
 * equal times the stored one stays. Call inside an organisation write.
 * Returns whether the mark replaced the stored state.
 */
export async function recordAvailability(
  tx: Database,
  mark: AvailabilityMark,
): Promise<boolean> {
  const until = untilColumns(mark.until);
  const rows = await tx
    .insert(availability)
    .values({
      truckId: mark.truckId,
      target: mark.target,
      sku: mark.sku,
      soldOut: mark.soldOut,
      ...until,
      changedAt: mark.changedAt,
      staffId: mark.staffId,
      ownerId: mark.ownerId,
      changeSeq: nextChangeSeq,
    })
    .onConflictDoUpdate({
      target: [availability.truckId, availability.target, availability.sku],
      set: {
        soldOut: mark.soldOut,
        ...until,
        changedAt: mark.changedAt,
        staffId: mark.staffId,
        ownerId: mark.ownerId,
        changeSeq: nextChangeSeq,
      },
      setWhere: lt(availability.changedAt, mark.changedAt),
    })
    .returning({ sku: availability.sku });
  return rows.length > 0;
}

/** Lists every mark of a truck, with whether it is in force at `now`. */
export async function listAvailability(
  db: Database,
  truck: { id: string; timezone: string; businessDayCutoff: string },
  now: Date,
): Promise<AvailabilityState[]> {
  const rows = await db
    .select()
    .from(availability)
    .where(eq(availability.truckId, truck.id))
    .orderBy(asc(availability.target), asc(availability.sku));

  return rows.map((row) => {
    const state = {
      sku: row.sku,
      target: row.target,
      soldOut: row.soldOut,
      ...untilField(row),
      changedAt: row.changedAt.toISOString(),
      staffId: row.staffId,
    };
    return { ...state, active: isSoldOutNow(state, now, truck) };
  });
}

function untilColumns(until: string | null | undefined): {
  untilKind: 'day' | 'date' | 'set-back';
  untilDate: string | null;
} {
  if (until === undefined) return { untilKind: 'day', untilDate: null };
  if (until === null) return { untilKind: 'set-back', untilDate: null };
  return { untilKind: 'date', untilDate: until };
}

function untilField(row: typeof availability.$inferSelect): {
  until?: string | null;
} {
  if (row.untilKind === 'set-back') return { until: null };
  if (row.untilKind === 'date') return { until: row.untilDate };
  return {};
}

/** Stores an owner's sold-out mark, set from the back office at `now`. */
export async function setAvailabilityByOwner(
  deps: WriteDeps,
  params: {
    organizationId: string;
    ownerId: string;
    truck: { id: string; timezone: string; businessDayCutoff: string };
    sku: string;
    target: AvailabilityTarget;
    soldOut: boolean;
    until?: string | null | undefined;
    now: Date;
  },
): Promise<AvailabilityState> {
  const { truck, now } = params;
  await runOrganizationWrite(deps, params.organizationId, (tx) =>
    recordAvailability(tx, {
      truckId: truck.id,
      sku: params.sku,
      target: params.target,
      soldOut: params.soldOut,
      until: params.until,
      changedAt: now,
      staffId: null,
      ownerId: params.ownerId,
    }),
  );
  const states = await listAvailability(deps.db, truck, now);
  return states.find(
    (state) => state.sku === params.sku && state.target === params.target,
  )!;
}
