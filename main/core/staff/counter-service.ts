import type Database from 'better-sqlite3';

import type { AvailabilityTarget } from '../../../shared/availability.js';
import {
  businessDateOf,
  defaultBusinessDayCutoff,
} from '../../../shared/business-day.js';
import { GalleyError } from '../../../shared/errors.js';
import type {
  CreatedOrder,
  OrderRefunded,
  OrderVoided,
  SoldOutMark,
} from '../../../shared/local-api.js';
import type { PricedOrder } from '../../../shared/order.js';
import {
  AvailabilityStore,
  type TruckDay,
} from '../availability/availability-store.js';
import type { TerminalDb } from '../db/open-database.js';
import { OrderAdjustments } from '../orders/order-adjustments.js';
import type { OrderContext, OrderService } from '../orders/order-service.js';
import { readStoredMenu } from '../orders/menu-versions.js';
import { discountExceedsLimit, rolePermits } from './permissions.js';
import type { StaffSession } from './staff-session.js';
import type { StoredStaff } from './staff-store.js';

export interface CounterOrderRequest {
  order: unknown;
  approvalPin?: string;
  menuVersion?: number;
}

export interface VoidRequest {
  orderId: string;
  reason: string;
  approvalPin?: string;
}

export interface RefundRequest extends VoidRequest {
  amount: number;
}

export interface AvailabilityRequest {
  sku: string;
  target: AvailabilityTarget;
  soldOut: boolean;
  until?: string | null;
}

/**
 * Counter actions on behalf of the signed-in staff member:
 * orders with takenBy, sold-out checks and discount approval, voids,
 * refunds and sold-out marks. Permissions are checked here, before anything
 * is written.
 */
export class CounterService {
  readonly availability: AvailabilityStore;
  readonly adjustments: OrderAdjustments;

  constructor(
    sqlite: Database.Database,
    private readonly db: TerminalDb,
    private readonly session: StaffSession,
    private readonly orders: OrderService,
    private readonly orderContext: () => OrderContext,
    private readonly now: () => Date,
  ) {
    this.availability = new AvailabilityStore(sqlite);
    this.adjustments = new OrderAdjustments(sqlite);
  }

  async createOrder(request: CounterOrderRequest): Promise<CreatedOrder> {
    const takenBy = this.session.requireSignedIn();
    const approver =
      request.approvalPin === undefined
        ? null
        : await this.session.approvalFromPin(request.approvalPin);
    return this.createOrderNow(request, takenBy, approver);
  }

  /** The synchronous part, after any approval PIN has been checked. */
  createOrderNow(
    request: CounterOrderRequest,
    takenBy: StoredStaff | null,
    approver: StoredStaff | null,
  ): CreatedOrder {
    const context = this.orderContext();
    const menu = this.menuFor(request.menuVersion, context);
    return this.orders.create(request.order, context, {
      menu: menu ?? undefined,
      takenBy: takenBy ? { staffId: takenBy.id, name: takenBy.name } : null,
      checkPriced: (priced) => {
        this.rejectSoldOut(priced);
        return this.discountApprover(priced, takenBy, approver);
      },
    });
  }

  async voidOrder(request: VoidRequest): Promise<OrderVoided> {
    const signedIn = this.session.requireSignedIn();
    this.adjustments.factsOf(request.orderId);
    const approver = await this.session.approverFor(
      'void',
      signedIn,
      request.approvalPin,
    );
    const at = this.now();
    return this.adjustments.void({
      orderId: request.orderId,
      reason: request.reason,
      staffId: signedIn?.id ?? approver.id,
      approvedBy: approver.id,
      at,
      businessDate: this.businessDateAt(at),
    });
  }

  async refundOrder(request: RefundRequest): Promise<OrderRefunded> {
    const signedIn = this.session.requireSignedIn();
    this.adjustments.factsOf(request.orderId);
    const approver = await this.session.approverFor(
      'refund',
      signedIn,
      request.approvalPin,
    );
    const at = this.now();
    return this.adjustments.refund({
      orderId: request.orderId,
      reason: request.reason,
      amount: request.amount,
      staffId: signedIn?.id ?? approver.id,
      approvedBy: approver.id,
      at,
      businessDate: this.businessDateAt(at),
    });
  }

  setAvailability(request: AvailabilityRequest): SoldOutMark[] {
    const signedIn = this.session.requireSignedIn();
    if (!signedIn) {
      throw new GalleyError(
        'UNAUTHORIZED',
        'Sign in with your PIN first. Sold-out marks record who set them, so the owner must add staff before marks can be set.',
      );
    }
    this.requireSkuOnMenu(request.sku, request.target);
    this.availability.record({
      sku: request.sku,
      target: request.target,
      soldOut: request.soldOut,
      ...(request.until === undefined ? {} : { until: request.until }),
      changedAt: this.now().toISOString(),
      staffId: signedIn.id,
    });
    return this.soldOut();
  }

  soldOut(): SoldOutMark[] {
    return this.availability.activeMarks(this.now(), this.truckDay());
  }

  /** Returns the truck's zone and cut-off from the cached order context. */
  truckDay(): TruckDay {
    const context = this.orderContext();
    return {
      timezone:
        context.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      businessDayCutoff: context.businessDayCutoff ?? defaultBusinessDayCutoff,
    };
  }

  businessDateAt(instant: Date): string {
    const truck = this.truckDay();
    return businessDateOf(instant, truck.timezone, truck.businessDayCutoff);
  }

  private menuFor(version: number | undefined, context: OrderContext) {
    if (version === undefined || version === context.menu?.version) return null;
    const stored = readStoredMenu(this.db, version);
    if (!stored) {
      throw new GalleyError(
        'BAD_REQUEST',
        `Menu version ${version} is not on this terminal. Start the ticket again on the current menu.`,
        { field: 'menuVersion' },
      );
    }
    return stored;
  }

  private rejectSoldOut(priced: PricedOrder): void {
    const marks = this.soldOut();
    if (marks.length === 0) return;
    const soldOut = new Set(marks.map((mark) => `${mark.target}:${mark.sku}`));

    priced.lines.forEach((line, position) => {
      if (soldOut.has(`item:${line.sku}`)) {
        throw soldOutError(line.name, line.sku, `lines[${position}].sku`);
      }
      line.modifiers.forEach((modifier, index) => {
        if (soldOut.has(`option:${modifier.sku}`)) {
          throw soldOutError(
            modifier.name,
            modifier.sku,
            `lines[${position}].modifiers[${index}]`,
          );
        }
      });
    });
  }

  private discountApprover(
    priced: PricedOrder,
    takenBy: StoredStaff | null,
    approver: StoredStaff | null,
  ): string | null {
    // A truck without staff records has nobody to approve, as before sign-in.
    if (!takenBy) return approver?.id ?? null;
    if (!priced.discount) return null;

    const limit = this.session.discountLimitPercent();
    if (!discountExceedsLimit(priced.discount, priced.totals.subtotal, limit)) {
      return null;
    }
    if (approver && rolePermits(approver.role, 'discountAboveLimit')) {
      return approver.id;
    }
    if (rolePermits(takenBy.role, 'discountAboveLimit')) return takenBy.id;
    throw new GalleyError(
      'FORBIDDEN',
      `A manager must approve discounts above ${limit}%. Enter a manager PIN.`,
      { field: 'approvalPin' },
    );
  }

  private requireSkuOnMenu(sku: string, target: AvailabilityTarget): void {
    const menu = this.orderContext().menu?.menu;
    const found =
      target === 'item'
        ? menu?.categories.some((category) =>
            category.items.some((item) => item.sku === sku),
          )
        : menu?.modifierGroups.some((group) =>
            group.options.some((option) => option.sku === sku),
          );
    if (!found) {
      throw new GalleyError(
        'NOT_FOUND',
        `No ${target === 'item' ? 'item' : 'option'} with SKU "${sku}" on the current menu. Check the SKU and the target.`,
        { field: 'sku' },
      );
    }
  }
}

function soldOutError(name: string, sku: string, field: string): GalleyError {
  return new GalleyError(
    'CONFLICT',
    `${name} (${sku}) is sold out. Remove it from the order, or mark it available again.`,
    { field },
  );
}
