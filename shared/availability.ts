import { z } from 'zod';

import { businessDateOf } from './business-day.js';

/**
 * Sold-out marks. A truck's terminals set them (offline too) and push them
 * as `availability.changed` entries; the owner can set them as well. The
 * server keeps the latest mark per (truck, target, sku), by `changedAt`.
 *
 * A mark stays in force through a business day of the truck:
 * - `until` omitted: through the business day in which it was changed, so it
 *   clears itself at the truck's next business day;
 * - `until: 'YYYY-MM-DD'`: through that business date, inclusive;
 * - `until: null`: until someone sets it back.
 */
export const availabilityTargets = ['item', 'option'] as const;
export type AvailabilityTarget = (typeof availabilityTargets)[number];

export const availabilityChangeSchema = z.object({
  sku: z.string().min(1, 'must not be empty').max(64),
  target: z.enum(availabilityTargets),
  soldOut: z.boolean(),
  until: z.iso.date().nullable().optional(),
  changedAt: z.iso.datetime({ offset: true }),
  /** The staff member who changed it at the counter. */
  staffId: z.uuid(),
});

export type AvailabilityChange = z.infer<typeof availabilityChangeSchema>;

/** The current mark of one SKU of a truck, as pull and the owner see it. */
export const availabilityStateSchema = z.object({
  sku: z.string(),
  target: z.enum(availabilityTargets),
  soldOut: z.boolean(),
  /** As set: a date, null for "until set back", or omitted for "today". */
  until: z.iso.date().nullable().optional(),
  changedAt: z.iso.datetime({ offset: true }),
  /** The staff member who set it, or null when an owner set it. */
  staffId: z.uuid().nullable(),
  /** Whether the SKU is sold out now; recompute offline with isSoldOutNow. */
  active: z.boolean(),
});

export type AvailabilityState = z.infer<typeof availabilityStateSchema>;

/**
 * Checks whether a mark makes its SKU sold out at `now`, with the truck's
 * time zone and business-day cut-off. The server and the terminal both use
 * this one rule.
 */
export function isSoldOutNow(
  mark: Pick<AvailabilityState, 'soldOut' | 'until' | 'changedAt'>,
  now: Date,
  truck: { timezone: string; businessDayCutoff?: string | undefined },
): boolean {
  if (!mark.soldOut) return false;
  if (mark.until === null) return true;

  const today = businessDateOf(now, truck.timezone, truck.businessDayCutoff);
  const lastDay =
    mark.until ??
    businessDateOf(
      new Date(mark.changedAt),
      truck.timezone,
      truck.businessDayCutoff,
    );
  return today <= lastDay;
}
