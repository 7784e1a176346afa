import { and, eq, inArray } from 'drizzle-orm';

import type { OrderSnapshot } from '../../shared/sync.js';
import type { Database } from '../db/connection.js';
import { menuVersions } from '../db/schema.js';
import type { EntryRejection } from './verify-order.js';

/**
 * Checks that each order's currency and tax mode are those of the truck's
 * menu version it names. Reports add amounts up per truck, so an order in
 * another currency would count yen as cents. A version the server no longer
 * has (after a restore from an older backup, say) is not held against the
 * order: the snapshot carries everything needed to store it.
 */
export async function findMenuMismatches(
  db: Database,
  truckId: string,
  orders: { entryId: string; order: OrderSnapshot }[],
): Promise<Map<string, EntryRejection>> {
  const mismatches = new Map<string, EntryRejection>();
  const versions = [...new Set(orders.map(({ order }) => order.menuVersion))];
  if (versions.length === 0) return mismatches;

  const rows = await db
    .select({ version: menuVersions.version, menu: menuVersions.menu })
    .from(menuVersions)
    .where(
      and(
        eq(menuVersions.truckId, truckId),
        inArray(menuVersions.version, versions),
      ),
    );
  const settings = new Map(
    rows.map((row) => {
      const menu = row.menu as { currency: string; taxMode: string };
      return [row.version, { currency: menu.currency, taxMode: menu.taxMode }];
    }),
  );

  for (const { entryId, order } of orders) {
    const menu = settings.get(order.menuVersion);
    if (!menu) continue;

    if (order.currency !== menu.currency) {
      mismatches.set(entryId, {
        code: 'BAD_REQUEST',
        field: 'payload.currency',
        message:
          `Order ${order.id} is in ${order.currency}, but menu version ` +
          `${order.menuVersion} of this truck is in ${menu.currency}.`,
      });
    } else if (order.taxMode !== menu.taxMode) {
      mismatches.set(entryId, {
        code: 'BAD_REQUEST',
        field: 'payload.taxMode',
        message:
          `Order ${order.id} uses ${order.taxMode} tax, but menu version ` +
          `${order.menuVersion} of this truck is tax-${menu.taxMode}.`,
      });
    }
  }
  return mismatches;
}
