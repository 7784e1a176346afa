import { OrderRejectedError, type OrderRejectionReason } from '../errors.js';
import {
  orderInputSchema,
  tenderMethods,
  type DiscountInput,
  type OrderInput,
  type TenderInput,
  type TipInput,
} from '../order.js';
import { parseDecimal } from './decimal.js';

const maxQuantity = 999;
const maxAmount = 100_000_000;

/**
 * Checks an order as entered and returns it typed, or throws
 * OrderRejectedError with the reason and the field at fault. Checks that
 * need the menu (SKUs, modifiers, amounts against the subtotal) happen
 * during pricing.
 */
export function parseOrderInput(raw: unknown): OrderInput {
  const parsed = orderInputSchema.safeParse(raw);
  if (!parsed.success) {
    // zod reports at least one issue whenever parsing fails.
    const issue = parsed.error.issues[0]!;
    const field = formatPath(issue.path);
    throw new OrderRejectedError(
      reasonForField(field),
      field,
      `Order field "${field || 'order'}" is invalid: ${issue.message}.`,
    );
  }

  const order = parsed.data;
  if (order.lines.length === 0) {
    throw new OrderRejectedError(
      'empty-order',
      'lines',
      'The order has no lines. Add at least one item.',
    );
  }

  const lines = order.lines.map((line, position) => {
    const quantity = line.quantity;
    if (
      typeof quantity !== 'number' ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > maxQuantity
    ) {
      throw new OrderRejectedError(
        'bad-quantity',
        `lines[${position}].quantity`,
        `Quantity ${JSON.stringify(quantity)} is invalid. Use a whole number from 1 to ${maxQuantity}.`,
      );
    }
    return { sku: line.sku, quantity, modifiers: line.modifiers ?? [] };
  });

  const discount = parseAdjustment(
    order.discount,
    'discount',
    'bad-discount',
    100,
  );
  const tip = parseAdjustment(order.tip, 'tip', 'bad-tip', undefined);
  const tender = parseTender(order.tender);

  return {
    lines,
    ...(discount ? { discount } : {}),
    ...(tip ? { tip } : {}),
    tender,
  };
}

/**
 * Parses a discount or a tip: exactly one of `percent` (a decimal string)
 * or `amount` (whole minor units, not negative).
 */
function parseAdjustment(
  value: unknown,
  field: 'discount' | 'tip',
  reason: OrderRejectionReason,
  maxPercent: number | undefined,
): DiscountInput | TipInput | undefined {
  if (value === undefined || value === null) return undefined;

  const reject = (subfield: string, detail: string): never => {
    throw new OrderRejectedError(
      reason,
      subfield,
      `The ${field} is invalid: ${detail}.`,
    );
  };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return reject(
      field,
      'give either { "percent": "10" } or { "amount": 500 }',
    );
  }

  const keys = Object.keys(value);
  if (keys.length !== 1) {
    return reject(field, 'give exactly one of "percent" or "amount"');
  }

  const record = value as Record<string, unknown>;
  if (keys[0] === 'percent') {
    const percent = parseDecimal(record.percent);
    if (!percent) {
      return reject(
        `${field}.percent`,
        'the percentage must be a decimal string such as "12.5", not negative and without an exponent',
      );
    }
    if (
      maxPercent !== undefined &&
      percent.numerator > percent.denominator * BigInt(maxPercent)
    ) {
      return reject(
        `${field}.percent`,
        `the percentage must be from 0 to ${maxPercent}`,
      );
    }
    return { percent: record.percent as string };
  }

  if (keys[0] === 'amount') {
    const amount = record.amount;
    if (
      typeof amount !== 'number' ||
      !Number.isInteger(amount) ||
      amount < 0 ||
      amount > maxAmount
    ) {
      return reject(
        `${field}.amount`,
        `the amount must be a whole number of minor units from 0 to ${maxAmount}`,
      );
    }
    return { amount };
  }

  return reject(field, `unknown key "${keys[0]}"; use "percent" or "amount"`);
}

function parseTender(
  tender: { method: string } & Record<string, unknown>,
): TenderInput {
  const method = tender.method;
  if (!(tenderMethods as readonly string[]).includes(method)) {
    throw new OrderRejectedError(
      'bad-tender',
      'tender.method',
      `Tender "${method}" is not accepted. Use cash, card or other.`,
    );
  }

  const extraKeys = Object.keys(tender).filter(
    (key) => key !== 'method' && !(method === 'cash' && key === 'cashGiven'),
  );
  if (extraKeys.length > 0) {
    throw new OrderRejectedError(
      'bad-tender',
      `tender.${extraKeys[0]}`,
      `Tender "${method}" does not take "${extraKeys[0]}". Only cash carries cashGiven.`,
    );
  }

  if (method !== 'cash') return { method: method as 'card' | 'other' };

  const cashGiven = tender.cashGiven;
  if (cashGiven === undefined) return { method: 'cash' };
  if (
    typeof cashGiven !== 'number' ||
    !Number.isInteger(cashGiven) ||
    cashGiven < 0 ||
    cashGiven > maxAmount
  ) {
    throw new OrderRejectedError(
      'bad-tender',
      'tender.cashGiven',
      `Cash given must be a whole number of minor units from 0 to ${maxAmount}.`,
    );
  }
  return { method: 'cash', cashGiven };
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, position) =>
      typeof part === 'number'
        ? `[${part}]`
        : `${position === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function reasonForField(field: string): OrderRejectionReason {
  if (field.startsWith('tender')) return 'bad-tender';
  if (field.startsWith('discount')) return 'bad-discount';
  if (field.startsWith('tip')) return 'bad-tip';
  if (/^lines\[\d+\]\.quantity/.test(field)) return 'bad-quantity';
  if (/^lines\[\d+\]\.sku/.test(field)) return 'unknown-sku';
  return 'bad-order';
}
