import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';

import { GalleyError } from '../../shared/errors.js';
import { maxPushBatch } from '../../shared/sync.js';
import type {
  ImportUnsyncedOrdersOutput,
  UnsyncedOrdersFile,
} from '../../shared/unsynced-orders.js';
import type { WriteDeps } from '../changes/organization-write.js';
import { devices, trucks } from '../db/schema.js';
import { pushEntries } from '../sync/push.js';
import type { DevicePrincipal } from '../trucks/devices.js';

/**
 * Stores the entries of an unsynced-orders file as if the device had
 * pushed them, in push-sized batches through pushEntries, so the server's
 * idempotency on entry id and order id holds for imports too. The device
 * may be revoked already (its laptop died), which is why the principal is
 * built from the device row and not from a token.
 */
export async function importUnsyncedOrders(
  deps: WriteDeps,
  file: UnsyncedOrdersFile,
  logger: Logger,
): Promise<ImportUnsyncedOrdersOutput> {
  const [row] = await deps.db
    .select({
      deviceId: devices.id,
      truckId: devices.truckId,
      slot: devices.slot,
      organizationId: trucks.organizationId,
    })
    .from(devices)
    .innerJoin(trucks, eq(trucks.id, devices.truckId))
    .where(eq(devices.id, file.deviceId))
    .limit(1);
  if (!row) {
    throw new GalleyError(
      'NOT_FOUND',
      `Device ${file.deviceId} not found. Check that the file comes from a terminal of your organisation.`,
      { field: 'deviceId' },
    );
  }
  if (file.truckId !== null && file.truckId !== row.truckId) {
    throw new GalleyError(
      'BAD_REQUEST',
      `The file names truck ${file.truckId}, but device ${file.deviceId} belongs to truck ${row.truckId}. ` +
        'The file was edited or mixes two terminals; export it again from the terminal.',
      { field: 'truckId' },
    );
  }

  const device: DevicePrincipal = { kind: 'device', ...row };
  const output: ImportUnsyncedOrdersOutput = {
    deviceId: device.deviceId,
    stored: 0,
    duplicate: 0,
    rejected: [],
  };
  for (let start = 0; start < file.entries.length; start += maxPushBatch) {
    const batch = file.entries.slice(start, start + maxPushBatch);
    const results = await pushEntries(deps, device, batch, logger);
    for (const result of results) {
      if (result.status === 'stored') output.stored += 1;
      else if (result.status === 'duplicate') output.duplicate += 1;
      else {
        output.rejected.push({
          id: result.id,
          code: result.error.code,
          message: result.error.message,
        });
      }
    }
  }

  logger.info(
    {
      deviceId: device.deviceId,
      truckId: device.truckId,
      entries: file.entries.length,
      stored: output.stored,
      duplicate: output.duplicate,
      rejected: output.rejected.length,
    },
    'Imported unsynced orders',
  );
  return output;
}
