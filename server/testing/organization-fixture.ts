import { getTableName, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';

import type { StaffMember } from '../../shared/staff.js';
import { queryRows } from '../db/migrate.js';
import * as schema from '../db/schema.js';
import { fixtureMenu } from './order-snapshots.js';
import {
  createPairedTruck,
  signUpOwner,
  type PairedTruck,
  type TestServer,
} from './test-server.js';

/** An organisation with one of everything, for tests across procedures. */
export interface TestOrganization {
  ownerToken: string;
  organizationId: string;
  truck: PairedTruck;
  menuId: string;
  manager: StaffMember;
  cashier: StaffMember;
}

export const managerPin = '2468';
export const cashierPin = '1357';

/**
 * Creates an owner, a truck with a paired device, a menu published to the
 * truck, and two staff members (a manager and a cashier).
 */
export async function createTestOrganization(
  test: TestServer,
  name: string,
): Promise<TestOrganization> {
  const { token: ownerToken, organizationId } = await signUpOwner(test, name);
  const truck = await createPairedTruck(test, ownerToken);
  const { menuId } = await test.ok<{ menuId: string }>(
    'mutation',
    'menus.importFile',
    { format: 'json', content: JSON.stringify(fixtureMenu('taco-truck')) },
    ownerToken,
  );
  await test.ok(
    'mutation',
    'menus.publish',
    { menuId, truckIds: [truck.truckId] },
    ownerToken,
  );
  const manager = await test.ok<StaffMember>(
    'mutation',
    'staff.create',
    { name: `${name} manager`, role: 'manager', pin: managerPin },
    ownerToken,
  );
  const cashier = await test.ok<StaffMember>(
    'mutation',
    'staff.create',
    { name: `${name} cashier`, role: 'staff', pin: cashierPin },
    ownerToken,
  );
  return { ownerToken, organizationId, truck, menuId, manager, cashier };
}

/**
 * Computes a fingerprint of every row of every table but `except`, to show
 * that a rejected call changed nothing.
 */
export async function databaseDigest(
  test: TestServer,
  except: string[] = [],
): Promise<string> {
  const tables = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => value instanceof PgTable)
    .map((table) => getTableName(table))
    .filter((table) => !except.includes(table))
    .sort();
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = await queryRows<{ digest: string }>(
      test.server.database.db,
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) ` +
          `as digest from "${table}" t`,
      ),
    );
    parts.push(`${table}:${row?.digest}`);
  }
  return parts.join('\n');
}
