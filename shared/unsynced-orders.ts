import { z } from 'zod';

import { maxPushBatch } from './sync.js';

export const unsyncedOrdersFormat = 'galley.unsynced-orders.v1';

/** Most entries one import call takes; larger files are split by the caller. */
export const maxImportEntries = 20 * maxPushBatch;

/**
 * The outbox entries a terminal had not synced, as the diagnostics archive
 * contains them (unsynced-orders.json). Support imports the file on the
 * server with support.importUnsyncedOrders, which stores the entries
 * through the same idempotent path as sync.push, so importing a file twice,
 * or importing it after the terminal synced after all, adds nothing.
 */
export const unsyncedOrdersFileSchema = z.object({
  format: z.literal(unsyncedOrdersFormat),
  exportedAt: z.iso.datetime({ offset: true }),
  /** The device that took the orders; the import stores them under it. */
  deviceId: z.uuid(),
  truckId: z.uuid().nullable(),
  entries: z
    .array(z.object({ id: z.uuid(), kind: z.string().max(64) }).passthrough())
    .max(maxImportEntries),
});

export type UnsyncedOrdersFile = z.infer<typeof unsyncedOrdersFileSchema>;

export const importUnsyncedOrdersOutputSchema = z.object({
  deviceId: z.uuid(),
  stored: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.array(
    z.object({ id: z.uuid(), code: z.string(), message: z.string() }),
  ),
});

export type ImportUnsyncedOrdersOutput = z.infer<
  typeof importUnsyncedOrdersOutputSchema
>;
