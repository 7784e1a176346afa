import { and, eq, inArray } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { GalleyError } from '../../shared/errors.js';
import type { OwnerPrincipal } from '../auth/sessions.js';
import type { Database } from '../db/connection.js';
import { devices, menus, staff, trucks } from '../db/schema.js';
import type { DevicePrincipal } from '../trucks/devices.js';
import type { TargetKind, TargetRule } from './permissions.js';

const uuidSchema = z.uuid();

const describe: Record<TargetKind, { noun: string; listHint: string }> = {
  truck: { noun: 'Truck', listHint: 'List your trucks to get its id.' },
  menu: { noun: 'Menu', listHint: 'List your menus to get its id.' },
  staff: { noun: 'Staff member', listHint: 'List your staff to get the id.' },
  device: {
    noun: 'Device',
    listHint: 'List your trucks to see their devices.',
  },
};

/**
 * Checks that every record an input targets belongs to the caller, as the
 * permission table states. Runs before input parsing, on the raw input, so
 * it rejects a malformed id itself instead of passing it on.
 */
export async function checkTargets(
  db: Database,
  principal: OwnerPrincipal | DevicePrincipal,
  targets: readonly TargetRule[],
  rawInput: unknown,
): Promise<void> {
  for (const target of targets) {
    const ids = readIds(target, rawInput);
    if (ids.length === 0) continue;

    if (principal.kind === 'device') {
      checkDeviceTarget(principal, target, ids);
    } else {
      await checkOwnerTarget(db, principal.organizationId, target, ids);
    }
  }
}

function readIds(target: TargetRule, rawInput: unknown): string[] {
  const value =
    rawInput && typeof rawInput === 'object'
      ? (rawInput as Record<string, unknown>)[target.field]
      : undefined;
  if (value === undefined && target.optional) return [];

  const values = target.many ? value : [value];
  if (!Array.isArray(values) || (target.many && values.length === 0)) {
    throw invalidId(target.field, 'must be a non-empty list of ids');
  }
  return values.map((id, index) => {
    if (!uuidSchema.safeParse(id).success) {
      const field = target.many ? `${target.field}.${index}` : target.field;
      throw invalidId(field, 'must be a UUID');
    }
    return id as string;
  });
}

function checkDeviceTarget(
  device: DevicePrincipal,
  target: TargetRule,
  ids: string[],
): void {
  if (target.kind === 'truck' && ids.every((id) => id === device.truckId)) {
    return;
  }
  throw new TRPCError({
    code: 'FORBIDDEN',
    message:
      "A device token reaches only its own truck's data. Sign in as an " +
      'owner to reach other trucks.',
  });
}

async function checkOwnerTarget(
  db: Database,
  organizationId: string,
  target: TargetRule,
  ids: string[],
): Promise<void> {
  const owned = new Set(await ownedIds(db, organizationId, target.kind, ids));
  const index = ids.findIndex((id) => !owned.has(id));
  if (index === -1) return;

  const { noun, listHint } = describe[target.kind];
  throw new GalleyError(
    'NOT_FOUND',
    `${noun} ${ids[index]} was not found. ${listHint}`,
    { field: target.many ? `${target.field}.${index}` : target.field },
  );
}

async function ownedIds(
  db: Database,
  organizationId: string,
  kind: TargetKind,
  ids: string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  let rows: { id: string }[];
  if (kind === 'truck') {
    rows = await db
      .select({ id: trucks.id })
      .from(trucks)
      .where(
        and(
          inArray(trucks.id, unique),
          eq(trucks.organizationId, organizationId),
        ),
      );
  } else if (kind === 'menu') {
    rows = await db
      .select({ id: menus.id })
      .from(menus)
      .where(
        and(
          inArray(menus.id, unique),
          eq(menus.organizationId, organizationId),
        ),
      );
  } else if (kind === 'staff') {
    rows = await db
      .select({ id: staff.id })
      .from(staff)
      .where(
        and(
          inArray(staff.id, unique),
          eq(staff.organizationId, organizationId),
        ),
      );
  } else {
    rows = await db
      .select({ id: devices.id })
      .from(devices)
      .innerJoin(trucks, eq(trucks.id, devices.truckId))
      .where(
        and(
          inArray(devices.id, unique),
          eq(trucks.organizationId, organizationId),
        ),
      );
  }
  return rows.map((row) => row.id);
}

function invalidId(field: string, problem: string): GalleyError {
  return new GalleyError(
    'BAD_REQUEST',
    `Invalid input at "${field}": ${problem}.`,
    {
      field,
    },
  );
}
