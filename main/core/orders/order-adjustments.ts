import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../../shared/errors.js';
import type { OrderRefunded, OrderVoided } from '../../../shared/local-api.js';
import type { TenderMethod } from '../../../shared/order.js';
import type { OrderRefund, OrderVoid } from '../../../shared/sync.js';

export const orderVoidedKind = 'order.voided';
export const orderRefundedKind = 'order.refunded';

interface OrderFacts {
  number: number;
  total: number;
  tenderMethod: TenderMethod;
  voided: number;
  refunded: number;
  dismissed: number;
}

export interface AdjustmentRequest {
  orderId: string;
  reason: string;
  staffId: string;
  approvedBy: string;
  at: Date;
  businessDate: string;
}

/**
 * Voids and refunds. Each writes its row and its outbox entry in one SQLite
 * transaction, after checking the order's state inside that transaction, so
 * two requests cannot both refund the same money.
 */
export class OrderAdjustments {
  private readonly selectFacts: Database.Statement<[string], OrderFacts>;
  private readonly insertVoid: Database.Statement<[Record<string, unknown>]>;
  private readonly insertRefund: Database.Statement<[Record<string, unknown>]>;
  private readonly insertOutbox: Database.Statement<[Record<string, unknown>]>;
  readonly void: (request: AdjustmentRequest) => OrderVoided;
  readonly refund: (
    request: AdjustmentRequest & { amount: number },
  ) => OrderRefunded;

  constructor(sqlite: Database.Database) {
    this.selectFacts = sqlite.prepare(
      `SELECT number, total, tender_method AS tenderMethod,
         EXISTS (SELECT 1 FROM order_voids v WHERE v.order_id = orders.id) AS voided,
         (SELECT coalesce(sum(amount), 0) FROM order_refunds r
           WHERE r.order_id = orders.id) AS refunded,
         EXISTS (SELECT 1 FROM outbox e WHERE e.entity_id = orders.id
           AND e.kind = 'order.created' AND e.state = 'dismissed') AS dismissed
       FROM orders WHERE id = ?`,
    );
    this.insertVoid = sqlite.prepare(
      `INSERT INTO order_voids (order_id, reason, staff_id, approved_by, voided_at, business_date)
       VALUES (@orderId, @reason, @staffId, @approvedBy, @voidedAt, @businessDate)`,
    );
    this.insertRefund = sqlite.prepare(
      `INSERT INTO order_refunds (id, order_id, amount, method, reason, staff_id,
         approved_by, refunded_at, business_date)
       VALUES (@refundId, @orderId, @amount, @method, @reason, @staffId,
         @approvedBy, @refundedAt, @businessDate)`,
    );
    this.insertOutbox = sqlite.prepare(
      `INSERT INTO outbox (id, kind, entity_id, payload_json, created_at)
       VALUES (@id, @kind, @entityId, @payloadJson, @createdAt)`,
    );
    this.void = sqlite.transaction((request: AdjustmentRequest) =>
      this.writeVoid(request),
    );
    this.refund = sqlite.transaction(
      (request: AdjustmentRequest & { amount: number }) =>
        this.writeRefund(request),
    );
  }

  /**
   * Reads what a void or refund needs to know. Throws NOT_FOUND, and
   * CONFLICT for an order a manager dismissed: the server never got it, so
   * it would reject any change to it.
   */
  factsOf(orderId: string): OrderFacts {
    const facts = this.selectFacts.get(orderId);
    if (!facts) {
      throw new GalleyError(
        'NOT_FOUND',
        `No order ${orderId} on this terminal. Pick the order from today's list.`,
        { field: 'orderId' },
      );
    }
    if (facts.dismissed) {
      throw new GalleyError(
        'CONFLICT',
        `Order ${facts.number} was dismissed by a manager after the server rejected it, so it cannot be voided or refunded. It counts nowhere already.`,
        { field: 'orderId' },
      );
    }
    return facts;
  }

  private writeVoid(request: AdjustmentRequest): OrderVoided {
    const facts = this.factsOf(request.orderId);
    if (facts.voided) {
      throw new GalleyError(
        'CONFLICT',
        `Order ${facts.number} is already voided.`,
        { field: 'orderId' },
      );
    }
    if (facts.refunded > 0) {
      throw new GalleyError(
        'CONFLICT',
        `Order ${facts.number} has refunds, so it cannot be voided. Refund the rest of it instead.`,
        { field: 'orderId' },
      );
    }

    const payload: OrderVoid = {
      orderId: request.orderId,
      reason: request.reason,
      staffId: request.staffId,
      approvedBy: request.approvedBy,
      voidedAt: request.at.toISOString(),
    };
    this.insertVoid.run({ ...payload, businessDate: request.businessDate });
    this.queue(orderVoidedKind, request.orderId, payload, payload.voidedAt);
    return {
      orderId: payload.orderId,
      voidedAt: payload.voidedAt,
      approvedBy: payload.approvedBy,
    };
  }

  private writeRefund(
    request: AdjustmentRequest & { amount: number },
  ): OrderRefunded {
    const facts = this.factsOf(request.orderId);
    if (facts.voided) {
      throw new GalleyError(
        'CONFLICT',
        `Order ${facts.number} is voided, so it cannot be refunded.`,
        { field: 'orderId' },
      );
    }
    const refundable = facts.total - facts.refunded;
    if (request.amount > refundable) {
      throw new GalleyError(
        'BAD_REQUEST',
        `Refund amount ${request.amount} is more than the ${refundable} left to refund on order ${facts.number} (total ${facts.total}, refunded ${facts.refunded}). Enter at most ${refundable}.`,
        { field: 'amount' },
      );
    }

    const payload: OrderRefund = {
      orderId: request.orderId,
      refundId: uuidv7(),
      amount: request.amount,
      method: facts.tenderMethod,
      reason: request.reason,
      staffId: request.staffId,
      approvedBy: request.approvedBy,
      refundedAt: request.at.toISOString(),
    };
    this.insertRefund.run({ ...payload, businessDate: request.businessDate });
    this.queue(orderRefundedKind, request.orderId, payload, payload.refundedAt);
    return {
      orderId: payload.orderId,
      refundId: payload.refundId,
      amount: payload.amount,
      refundedTotal: facts.refunded + payload.amount,
      approvedBy: payload.approvedBy,
    };
  }

  private queue(
    kind: string,
    entityId: string,
    payload: unknown,
    createdAt: string,
  ): void {
    this.insertOutbox.run({
      id: uuidv7(),
      kind,
      entityId,
      payloadJson: JSON.stringify(payload),
      createdAt,
    });
  }
}
