import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

import { businessDateOf } from '../../../shared/business-day.js';
import { GalleyError } from '../../../shared/errors.js';
import type { CreatedOrder, CurrentMenu } from '../../../shared/local-api.js';
import { indexMenu, type MenuIndex } from '../../../shared/menu.js';
import { priceOrder } from '../../../shared/money/index.js';
import type { PricedOrder } from '../../../shared/order.js';
import type { OrderSnapshot } from '../../../shared/sync.js';
import { orderNumberFor } from './order-number.js';
import {
  prepareOrderStatements,
  type OrderStatements,
} from './order-statements.js';

export const orderCreatedKind = 'order.created';

/** Menu, slot, time zone and business-day cut-off in effect when an order is taken. */
export interface OrderContext {
  menu: CurrentMenu | null;
  slot: number | null;
  timezone: string | null;
  /** 'HH:MM'; omitted means midnight. */
  businessDayCutoff?: string;
}

/** What the counter adds to an order besides the input. */
export interface OrderExtras {
  /** Prices the order with this stored version instead of the active one. */
  menu?: CurrentMenu;
  takenBy?: { staffId: string; name: string } | null;
  /**
   * Checks the priced order before it is written (sold-out SKUs, discount
   * approval) and returns who approved the discount, if anyone had to.
   * Throws to reject the order.
   */
  checkPriced?: (priced: PricedOrder) => string | null;
}

/**
 * Takes orders at the counter. Pricing runs before the transaction, and the
 * order, its lines, its payment, the daily counter and the outbox entry are
 * then written in one SQLite transaction, so either all of them exist or
 * none does. Nothing here waits on the network.
 */
export class OrderService {
  readonly statements: OrderStatements;
  private readonly commit: (order: PendingOrder) => CreatedOrder;
  private menuIndex: { version: number; index: MenuIndex } | null = null;

  constructor(
    sqlite: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = prepareOrderStatements(sqlite);
    this.commit = sqlite.transaction((order: PendingOrder) =>
      this.writeOrder(order),
    );
  }

  /** Prices and stores one order. Throws OrderRejectedError on bad input. */
  create(
    input: unknown,
    context: OrderContext,
    extras: OrderExtras = {},
  ): CreatedOrder {
    const { slot, timezone } = context;
    const menu = extras.menu ?? context.menu;
    if (!menu || slot === null || !timezone) {
      throw new GalleyError(
        'PRECONDITION_FAILED',
        'No menu yet. Pair the terminal and wait for the menu.',
      );
    }

    const priced = priceOrder(this.indexFor(menu), input);
    const discountApprovedBy = extras.checkPriced?.(priced) ?? null;
    const createdAt = this.now();

    return this.commit({
      priced,
      menuVersion: menu.version,
      slot,
      createdAt: createdAt.toISOString(),
      businessDate: businessDateOf(
        createdAt,
        timezone,
        context.businessDayCutoff,
      ),
      takenBy: extras.takenBy ?? null,
      discountApprovedBy,
    });
  }

  pendingCount(): number {
    return this.statements.countPending.get()!.count;
  }

  private indexFor(menu: CurrentMenu): MenuIndex {
    if (this.menuIndex?.version !== menu.version) {
      this.menuIndex = { version: menu.version, index: indexMenu(menu.menu) };
    }
    return this.menuIndex.index;
  }

  private writeOrder(order: PendingOrder): CreatedOrder {
    const { businessDate, createdAt } = order;
    const statements = this.statements;
    const { lastSequence } = statements.bumpDailyCounter.get(businessDate)!;
    const snapshot = buildSnapshot(order, lastSequence);

    statements.insertOrder.run({
      id: snapshot.id,
      number: snapshot.number,
      terminalSequence: snapshot.terminalSequence,
      businessDate,
      createdAt,
      menuVersion: snapshot.menuVersion,
      currency: snapshot.currency,
      taxMode: snapshot.taxMode,
      cashRounding: snapshot.cashRounding,
      discountJson: jsonOrNull(snapshot.discount),
      tipJson: jsonOrNull(snapshot.tip),
      tenderJson: JSON.stringify(snapshot.tender),
      tenderMethod: snapshot.tender.method,
      ...withoutTaxByRate(snapshot.totals),
      taxByRateJson: JSON.stringify(snapshot.totals.taxByRate),
      takenByStaffId: order.takenBy?.staffId ?? null,
      takenByName: order.takenBy?.name ?? null,
      discountApprovedBy: order.discountApprovedBy,
    });

    snapshot.lines.forEach((line, position) => {
      statements.insertLine.run({
        orderId: snapshot.id,
        position,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        basePrice: line.basePrice,
        modifiersJson: JSON.stringify(line.modifiers),
        unitPrice: line.unitPrice,
        gross: line.gross,
        discount: line.discount,
        net: line.net,
        taxesJson: JSON.stringify(line.taxes),
      });
    });

    statements.insertPayment.run({ orderId: snapshot.id, ...snapshot.payment });
    statements.insertOutboxEntry.run({
      id: uuidv7(),
      kind: orderCreatedKind,
      entityId: snapshot.id,
      payloadJson: JSON.stringify(snapshot),
      createdAt,
    });

    return {
      id: snapshot.id,
      number: snapshot.number,
      totals: snapshot.totals,
    };
  }
}

interface PendingOrder {
  priced: PricedOrder;
  menuVersion: number;
  slot: number;
  createdAt: string;
  businessDate: string;
  takenBy: { staffId: string; name: string } | null;
  discountApprovedBy: string | null;
}

function buildSnapshot(
  order: PendingOrder,
  terminalSequence: number,
): OrderSnapshot {
  const { priced } = order;
  const tender = priced.tender;
  const cashGiven =
    tender.method === 'cash' ? (tender.cashGiven ?? null) : null;

  return {
    id: uuidv7(),
    number: orderNumberFor(order.slot, terminalSequence),
    terminalSequence,
    businessDate: order.businessDate,
    createdAt: order.createdAt,
    menuVersion: order.menuVersion,
    currency: priced.settings.currency,
    taxMode: priced.settings.taxMode,
    cashRounding: priced.settings.cashRounding ?? null,
    lines: priced.lines,
    discount: priced.discount ?? null,
    tip: priced.tip ?? null,
    tender,
    totals: priced.totals,
    payment: {
      id: uuidv7(),
      method: tender.method,
      amount: priced.totals.total,
      cashGiven,
      change: priced.totals.change,
    },
    // Left out when nobody signed in, so snapshots of a terminal without
    // staff stay as they were before sign-in existed.
    ...(order.takenBy ? { takenBy: order.takenBy } : {}),
  };
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function withoutTaxByRate(totals: PricedOrder['totals']) {
  const { taxByRate: _taxByRate, ...rest } = totals;
  return rest;
}
