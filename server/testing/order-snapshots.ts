import { v7 as uuidv7 } from 'uuid';

import { indexMenu, menuSchema, type Menu } from '../../shared/menu.js';
import { priceOrder } from '../../shared/money/index.js';
import type { OrderCreatedEntry, OrderSnapshot } from '../../shared/sync.js';
import {
  loadFixtureMenu,
  loadFixtureOrders,
} from '../../test/support/fixtures.js';

export function fixtureMenu(name: string): Menu {
  return menuSchema.parse(loadFixtureMenu(name));
}

/** The fixture order inputs of a menu that price without rejection. */
export function validFixtureInputs(menuName: string): unknown[] {
  return loadFixtureOrders(menuName)
    .filter((order) => !('rejected' in order.expect))
    .map((order) => order.input);
}

/**
 * Prices an order input the way a terminal does and wraps it in the
 * snapshot a terminal would push.
 */
export function buildOrderSnapshot(
  menu: Menu,
  input: unknown,
  details: { number: number; businessDate: string; menuVersion?: number },
): OrderSnapshot {
  const priced = priceOrder(indexMenu(menu), input);
  const { tender, totals } = priced;

  return {
    id: uuidv7(),
    number: details.number,
    terminalSequence: details.number,
    businessDate: details.businessDate,
    createdAt: new Date().toISOString(),
    menuVersion: details.menuVersion ?? 1,
    currency: priced.settings.currency,
    taxMode: priced.settings.taxMode,
    cashRounding: priced.settings.cashRounding ?? null,
    lines: priced.lines,
    discount: priced.discount ?? null,
    tip: priced.tip ?? null,
    tender,
    totals,
    payment: {
      id: uuidv7(),
      method: tender.method,
      amount: totals.total,
      cashGiven: tender.method === 'cash' ? (tender.cashGiven ?? null) : null,
      change: totals.change,
    },
  };
}

export function orderEntry(order: OrderSnapshot): OrderCreatedEntry {
  return {
    id: uuidv7(),
    kind: 'order.created',
    createdAt: order.createdAt,
    payload: order,
  };
}
