import type { z } from 'zod';

import { GalleyError, OrderRejectedError } from '../../shared/errors.js';
import { menuItemSchema, modifierOptionSchema } from '../../shared/menu.js';
import { computeOrder, parseOrderInput } from '../../shared/money/index.js';
import type { OrderTotals, TenderInput } from '../../shared/order.js';
import type { OrderSnapshot } from '../../shared/sync.js';

export interface EntryRejection {
  code: string;
  message: string;
  field?: string;
}

const totalFields = [
  'subtotal',
  'discount',
  'tax',
  'tip',
  'rounding',
  'total',
  'change',
] as const satisfies readonly (keyof OrderTotals)[];

/** The price ranges a menu accepts, which bound what a terminal can sell. */
const itemPriceRule = menuItemSchema.shape.price;
const optionPriceRule = modifierOptionSchema.shape.price;

/**
 * Re-checks an order from its own snapshot: the limits a terminal puts on
 * what is entered and on menu prices, then line prices, the shared money
 * rules, and the payment. The truck's current menu is not read, so an item
 * repriced or deleted on the server cannot block a past order. Returns the
 * first problem found, or undefined when everything adds up.
 */
export function verifyOrderSnapshot(
  order: OrderSnapshot,
): EntryRejection | undefined {
  return (
    checkEnteredValues(order) ??
    checkMenuPrices(order) ??
    checkLinePrices(order) ??
    checkTotals(order) ??
    checkPayment(order)
  );
}

/**
 * Runs the quantities, discount, tip and tender of the snapshot through
 * parseOrderInput, the check a terminal runs on what the cashier entered.
 * The server thus rejects the values a terminal rejects, with the same
 * limits and messages, and keeps no copy of those limits.
 */
function checkEnteredValues(order: OrderSnapshot): EntryRejection | undefined {
  try {
    parseOrderInput({
      lines: order.lines.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        modifiers: line.modifiers.map((modifier) => modifier.sku),
      })),
      discount: order.discount ?? undefined,
      tip: order.tip ?? undefined,
      tender: toTenderInput(order.tender),
    });
  } catch (error) {
    if (!(error instanceof OrderRejectedError)) throw error;
    // An OrderRejectedError always names a field, as `lines[0].quantity`,
    // but push results use dotted paths under the payload.
    const field = error.field!.replace(/\[(\d+)\]/g, '.$1');
    return mismatch(`payload.${field}`, error.message);
  }
  return undefined;
}

/**
 * Checks each base and option price against the range the menu schema
 * allows. With the arithmetic checks and the quantity limit, this also
 * bounds unit prices and line gross.
 *
 * NOTE: the terminal caps neither the order total nor a tip percentage, so
 * only the safe integer range bounds a total. checkTotals rejects a sum
 * that leaves that range.
 */
function checkMenuPrices(order: OrderSnapshot): EntryRejection | undefined {
  for (const [position, line] of order.lines.entries()) {
    const field = `payload.lines.${position}`;
    const label = `Line ${position + 1} (${line.sku})`;

    if (!itemPriceRule.safeParse(line.basePrice).success) {
      return mismatch(
        `${field}.basePrice`,
        `${label} has base price ${line.basePrice}, but a menu item ` +
          `costs ${describeRange(itemPriceRule)} minor units.`,
      );
    }
    for (const [index, modifier] of line.modifiers.entries()) {
      if (optionPriceRule.safeParse(modifier.price).success) continue;
      return mismatch(
        `${field}.modifiers.${index}.price`,
        `${label} has option ${modifier.sku} at ${modifier.price}, but a ` +
          `menu option costs ${describeRange(optionPriceRule)} minor units.`,
      );
    }
  }
  return undefined;
}

function describeRange(rule: z.ZodNumber): string {
  return `from ${rule.minValue} to ${rule.maxValue}`;
}

function checkLinePrices(order: OrderSnapshot): EntryRejection | undefined {
  for (const [position, line] of order.lines.entries()) {
    const field = `payload.lines.${position}`;
    const unit =
      line.basePrice +
      line.modifiers.reduce((sum, modifier) => sum + modifier.price, 0);

    if (line.unitPrice !== unit) {
      return mismatch(
        `${field}.unitPrice`,
        `Line ${position + 1} (${line.sku}) has unit price ${line.unitPrice}, ` +
          `but its base price and options add up to ${unit}.`,
      );
    }
    if (line.gross !== line.unitPrice * line.quantity) {
      return mismatch(
        `${field}.gross`,
        `Line ${position + 1} (${line.sku}) has gross ${line.gross}, ` +
          `but ${line.quantity} × ${line.unitPrice} is ${line.unitPrice * line.quantity}.`,
      );
    }
    if (line.unitPrice < 0) {
      return mismatch(
        `${field}.unitPrice`,
        `Line ${position + 1} (${line.sku}) has a negative unit price.`,
      );
    }
  }
  return undefined;
}

function checkTotals(order: OrderSnapshot): EntryRejection | undefined {
  let expected: ReturnType<typeof computeOrder>;
  try {
    expected = computeOrder(
      {
        currency: order.currency,
        taxMode: order.taxMode,
        cashRounding: order.cashRounding ?? undefined,
      },
      order.lines,
      {
        discount: order.discount ?? undefined,
        tip: order.tip ?? undefined,
        tender: toTenderInput(order.tender),
      },
    );
  } catch (error) {
    // computeOrder adds up in bigints and raises a RangeError when a sum no
    // longer fits a safe integer. Each line can be safe while their sum is
    // not, so the entry is rejected instead of failing the whole batch.
    if (error instanceof RangeError) {
      return mismatch(
        'payload.totals',
        `Order ${order.number} adds up to an amount outside the safe ` +
          `integer range (±${Number.MAX_SAFE_INTEGER} minor units).`,
      );
    }
    if (!(error instanceof GalleyError)) throw error;
    return {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: `payload.${error.field}` } : {}),
    };
  }

  for (const name of totalFields) {
    if (order.totals[name] !== expected.totals[name]) {
      return mismatch(
        `payload.totals.${name}`,
        `Order ${order.number} has ${name} ${order.totals[name]}, ` +
          `but its lines add up to ${expected.totals[name]}.`,
      );
    }
  }
  const taxMismatch = compareTaxByRate(
    order.totals.taxByRate,
    expected.totals.taxByRate,
  );
  if (taxMismatch) return taxMismatch;

  for (const [position, line] of expected.lines.entries()) {
    const sent = order.lines[position]!;
    for (const name of ['discount', 'net'] as const) {
      if (sent[name] !== line[name]) {
        return mismatch(
          `payload.lines.${position}.${name}`,
          `Line ${position + 1} (${sent.sku}) has ${name} ${sent[name]}, ` +
            `but the order's discount allocates ${line[name]}.`,
        );
      }
    }
  }
  return undefined;
}

function compareTaxByRate(
  sent: Record<string, number>,
  expected: Record<string, number>,
): EntryRejection | undefined {
  const ids = new Set([...Object.keys(sent), ...Object.keys(expected)]);
  for (const id of ids) {
    if (sent[id] !== expected[id]) {
      return mismatch(
        `payload.totals.taxByRate.${id}`,
        `Tax "${id}" is ${sent[id] ?? 'missing'}, ` +
          `but the lines carrying it add up to ${expected[id] ?? 'nothing'}.`,
      );
    }
  }
  return undefined;
}

function checkPayment(order: OrderSnapshot): EntryRejection | undefined {
  const { payment, tender, totals } = order;
  const cashGiven =
    tender.method === 'cash' ? (tender.cashGiven ?? null) : null;

  if (payment.method !== tender.method) {
    return mismatch(
      'payload.payment.method',
      `Payment method ${payment.method} differs from tender ${tender.method}.`,
    );
  }
  if (payment.amount !== totals.total) {
    return mismatch(
      'payload.payment.amount',
      `Payment amount ${payment.amount} differs from the total ${totals.total}.`,
    );
  }
  if (payment.cashGiven !== cashGiven || payment.change !== totals.change) {
    return mismatch(
      'payload.payment',
      'Payment cash given and change differ from the tender and totals.',
    );
  }
  return undefined;
}

function toTenderInput(tender: OrderSnapshot['tender']): TenderInput {
  if (tender.method !== 'cash') return { method: tender.method };
  return tender.cashGiven === undefined
    ? { method: 'cash' }
    : { method: 'cash', cashGiven: tender.cashGiven };
}

function mismatch(field: string, message: string): EntryRejection {
  return {
    code: 'BAD_REQUEST',
    message: `${message} The entry was not stored.`,
    field,
  };
}
