import { and, eq, gt, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../shared/errors.js';
import type { PairOutput } from '../../shared/sync.js';
import {
  generatePairingCode,
  hashPairingCode,
  pairingCodeLifetimeMs,
} from '../auth/pairing-codes.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import type { Database } from '../db/connection.js';
import { devices, organizations, pairingCodes, trucks } from '../db/schema.js';

export const maxDeviceSlots = 100;

export const pairingCodeRejected =
  'Pairing code not recognised or expired. Ask the owner for a new code.';

/** Issues a single-use pairing code for a truck and stores only its hash. */
export async function issuePairingCode(
  db: Database,
  truckId: string,
  now: Date,
): Promise<{ pairingCode: string; expiresAt: string }> {
  const pairingCode = generatePairingCode();
  const expiresAt = new Date(now.getTime() + pairingCodeLifetimeMs);

  await db.insert(pairingCodes).values({
    id: uuidv7(),
    truckId,
    codeHash: hashPairingCode(pairingCode),
    expiresAt,
    createdAt: now,
  });
  return { pairingCode, expiresAt: expiresAt.toISOString() };
}

/**
 * Consumes a pairing code and registers a device on its truck, in one
 * transaction: if no slot is free the code stays unused.
 */
export async function pairDevice(
  db: Database,
  input: { pairingCode: string; deviceName: string },
  now: Date,
): Promise<PairOutput> {
  return db.transaction(async (tx) => {
    // The conditional update is the single-use check: of two concurrent
    // pairings with one code, only one gets the row back.
    const [code] = await tx
      .update(pairingCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(pairingCodes.codeHash, hashPairingCode(input.pairingCode)),
          isNull(pairingCodes.usedAt),
          gt(pairingCodes.expiresAt, now),
        ),
      )
      .returning({ truckId: pairingCodes.truckId });
    if (!code) throw new GalleyError('UNAUTHORIZED', pairingCodeRejected);

    // Locking the truck row makes concurrent pairings pick slots in turn.
    const [truck] = await tx
      .select({
        id: trucks.id,
        name: trucks.name,
        timezone: trucks.timezone,
        businessDayCutoff: trucks.businessDayCutoff,
        retiredAt: trucks.retiredAt,
        organizationName: organizations.name,
      })
      .from(trucks)
      .innerJoin(organizations, eq(organizations.id, trucks.organizationId))
      .where(eq(trucks.id, code.truckId))
      .for('update', { of: trucks });
    // A retired truck's codes stop working. The rollback keeps the code
    // unused, which no longer matters.
    if (!truck || truck.retiredAt) {
      throw new GalleyError('UNAUTHORIZED', pairingCodeRejected);
    }

    const slot = await lowestFreeSlot(tx as unknown as Database, truck.id);
    const deviceId = uuidv7();
    const deviceToken = generateToken('device');
    await tx.insert(devices).values({
      id: deviceId,
      truckId: truck.id,
      name: input.deviceName,
      slot,
      tokenHash: hashToken(deviceToken),
      createdAt: now,
    });

    return {
      deviceId,
      deviceToken,
      slot,
      truck: {
        id: truck.id,
        name: truck.name,
        timezone: truck.timezone,
        businessDayCutoff: truck.businessDayCutoff,
      },
      organizationName: truck.organizationName,
    };
  });
}

async function lowestFreeSlot(db: Database, truckId: string): Promise<number> {
  const rows = await db
    .select({ slot: devices.slot })
    .from(devices)
    .where(and(eq(devices.truckId, truckId), isNull(devices.revokedAt)));
  const used = new Set(rows.map((row) => row.slot));

  for (let slot = 0; slot < maxDeviceSlots; slot += 1) {
    if (!used.has(slot)) return slot;
  }
  throw new GalleyError(
    'CONFLICT',
    `This truck already has ${maxDeviceSlots} active devices. ` +
      'Revoke a device it no longer uses, then pair again with a new code.',
  );
}
