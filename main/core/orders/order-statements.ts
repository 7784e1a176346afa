import type Database from 'better-sqlite3';

/**
 * The statements on the order commit path, prepared once per connection and
 * reused for every order. They run on the same connection as drizzle, which
 * owns the schema and the migrations. Column names match db/schema.ts.
 */
export interface OrderStatements {
  bumpDailyCounter: Database.Statement<[string], { lastSequence: number }>;
  insertOrder: Database.Statement<[OrderRow]>;
  insertLine: Database.Statement<[LineRow]>;
  insertPayment: Database.Statement<[PaymentRow]>;
  insertOutboxEntry: Database.Statement<[OutboxRow]>;
  countPending: Database.Statement<[], { count: number }>;
}

export interface OrderRow {
  id: string;
  number: number;
  terminalSequence: number;
  businessDate: string;
  createdAt: string;
  menuVersion: number;
  currency: string;
  taxMode: string;
  cashRounding: number | null;
  discountJson: string | null;
  tipJson: string | null;
  tenderJson: string;
  tenderMethod: string;
  subtotal: number;
  discount: number;
  tax: number;
  tip: number;
  rounding: number;
  total: number;
  change: number;
  taxByRateJson: string;
  takenByStaffId: string | null;
  takenByName: string | null;
  discountApprovedBy: string | null;
}

export interface LineRow {
  orderId: string;
  position: number;
  sku: string;
  name: string;
  quantity: number;
  basePrice: number;
  modifiersJson: string;
  unitPrice: number;
  gross: number;
  discount: number;
  net: number;
  taxesJson: string;
}

export interface PaymentRow {
  id: string;
  orderId: string;
  method: string;
  amount: number;
  cashGiven: number | null;
  change: number;
}

export interface OutboxRow {
  id: string;
  kind: string;
  entityId: string;
  payloadJson: string;
  createdAt: string;
}

export function prepareOrderStatements(
  sqlite: Database.Database,
): OrderStatements {
  return {
    bumpDailyCounter: sqlite.prepare(
      `INSERT INTO daily_counters (business_date, last_sequence) VALUES (?, 1)
       ON CONFLICT (business_date) DO UPDATE SET last_sequence = last_sequence + 1
       RETURNING last_sequence AS lastSequence`,
    ),
    insertOrder: sqlite.prepare(
      `INSERT INTO orders (id, number, terminal_sequence, business_date,
         created_at, menu_version, currency, tax_mode, cash_rounding,
         discount_json, tip_json, tender_json, tender_method, subtotal,
         discount, tax, tip, rounding, total, change, tax_by_rate_json,
         taken_by_staff_id, taken_by_name, discount_approved_by)
       VALUES (@id, @number, @terminalSequence, @businessDate, @createdAt,
         @menuVersion, @currency, @taxMode, @cashRounding, @discountJson,
         @tipJson, @tenderJson, @tenderMethod, @subtotal, @discount, @tax,
         @tip, @rounding, @total, @change, @taxByRateJson, @takenByStaffId,
         @takenByName, @discountApprovedBy)`,
    ),
    insertLine: sqlite.prepare(
      `INSERT INTO order_lines (order_id, position, sku, name, quantity,
         base_price, modifiers_json, unit_price, gross, discount, net,
         taxes_json)
       VALUES (@orderId, @position, @sku, @name, @quantity, @basePrice,
         @modifiersJson, @unitPrice, @gross, @discount, @net, @taxesJson)`,
    ),
    insertPayment: sqlite.prepare(
      `INSERT INTO payments (id, order_id, method, amount, cash_given, change)
       VALUES (@id, @orderId, @method, @amount, @cashGiven, @change)`,
    ),
    insertOutboxEntry: sqlite.prepare(
      `INSERT INTO outbox (id, kind, entity_id, payload_json, created_at)
       VALUES (@id, @kind, @entityId, @payloadJson, @createdAt)`,
    ),
    countPending: sqlite.prepare(
      `SELECT count(*) AS count FROM outbox WHERE state = 'pending'`,
    ),
  };
}
