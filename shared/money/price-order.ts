import { OrderRejectedError } from '../errors.js';
import type { MenuIndex } from '../menu.js';
import {
  type DiscountInput,
  type LineModifierSnapshot,
  type OrderInput,
  type OrderTotals,
  type PricedLine,
  type PricedOrder,
  type PricingSettings,
  type TenderInput,
  type TipInput,
} from '../order.js';
import { parseOrderInput } from './parse-order-input.js';
import {
  parseDecimal,
  roundHalfAwayFromZero,
  toSafeNumber,
} from './decimal.js';

/**
 * Prices an order against a menu: resolves SKUs, checks modifiers, and
 * computes every total exactly in minor units. Throws OrderRejectedError
 * naming the field when anything is invalid.
 */
export function priceOrder(index: MenuIndex, raw: unknown): PricedOrder {
  const input = parseOrderInput(raw);
  const settings: PricingSettings = {
    currency: index.menu.currency,
    taxMode: index.menu.taxMode,
    cashRounding: index.menu.cashRounding,
  };
  const resolved = input.lines.map((line, position) =>
    resolveLine(index, line, position),
  );

  return computeOrder(settings, resolved, input);
}

/**
 * Computes allocations and totals for lines that are already resolved.
 * The server calls this on a synced order's own snapshot, so a menu change
 * on the server never changes how a past order adds up.
 */
export function computeOrder(
  settings: PricingSettings,
  lines: Omit<PricedLine, 'discount' | 'net'>[],
  adjustments: Pick<OrderInput, 'discount' | 'tip' | 'tender'>,
): PricedOrder {
  const grosses = lines.map((line) => BigInt(line.gross));
  const subtotal = grosses.reduce((sum, gross) => sum + gross, 0n);
  const discount = computeDiscount(adjustments.discount, subtotal);
  const allocations = allocateProportionally(discount, grosses);

  const pricedLines: PricedLine[] = lines.map((line, position) => {
    const allocation = allocations[position] ?? 0n;
    return {
      ...line,
      discount: toSafeNumber(allocation),
      net: toSafeNumber(grosses[position]! - allocation),
    };
  });

  const taxByRate = computeTaxes(settings, pricedLines);
  const tax = Object.values(taxByRate).reduce(
    (sum, amount) => sum + amount,
    0n,
  );
  const tip = computeTip(adjustments.tip, subtotal - discount);
  const due =
    subtotal - discount + tip + (settings.taxMode === 'exclusive' ? tax : 0n);
  const rounding = computeCashRounding(settings, adjustments.tender, due);
  const total = due + rounding;
  const change = computeChange(adjustments.tender, total);

  const totals: OrderTotals = {
    subtotal: toSafeNumber(subtotal),
    discount: toSafeNumber(discount),
    tax: toSafeNumber(tax),
    taxByRate: Object.fromEntries(
      Object.entries(taxByRate).map(([id, amount]) => [
        id,
        toSafeNumber(amount),
      ]),
    ),
    tip: toSafeNumber(tip),
    rounding: toSafeNumber(rounding),
    total: toSafeNumber(total),
    change: toSafeNumber(change),
  };

  return {
    settings,
    lines: pricedLines,
    ...(adjustments.discount ? { discount: adjustments.discount } : {}),
    ...(adjustments.tip ? { tip: adjustments.tip } : {}),
    tender: adjustments.tender,
    totals,
  };
}

function resolveLine(
  index: MenuIndex,
  line: OrderInput['lines'][number],
  position: number,
): Omit<PricedLine, 'discount' | 'net'> {
  const field = `lines[${position}]`;
  const item = index.items.get(line.sku);
  if (!item) {
    throw new OrderRejectedError(
      'unknown-sku',
      `${field}.sku`,
      `Item "${line.sku}" is not on the current menu. Remove it from the ticket.`,
    );
  }

  const modifiers = resolveModifiers(
    index,
    item.modifierGroups,
    line.modifiers,
    field,
  );
  const unitPrice =
    BigInt(item.price) +
    modifiers.reduce((sum, modifier) => sum + BigInt(modifier.price), 0n);
  if (unitPrice < 0n) {
    throw new OrderRejectedError(
      'negative-unit',
      `${field}.modifiers`,
      `${item.name} with these options would cost less than nothing. Remove an option.`,
    );
  }

  return {
    sku: item.sku,
    name: item.name,
    quantity: line.quantity,
    basePrice: item.price,
    modifiers,
    unitPrice: toSafeNumber(unitPrice),
    gross: toSafeNumber(unitPrice * BigInt(line.quantity)),
    taxes: item.taxes.map((rateId) => {
      const rate = index.rates.get(rateId);
      if (!rate) throw new Error(`menu names unknown tax rate ${rateId}`);
      return { id: rate.id, name: rate.name, rate: rate.rate };
    }),
  };
}

function resolveModifiers(
  index: MenuIndex,
  groupIds: string[],
  chosen: string[],
  field: string,
): LineModifierSnapshot[] {
  const groups = groupIds.map((groupId) => {
    const group = index.groups.get(groupId);
    if (!group) throw new Error(`menu names unknown modifier group ${groupId}`);
    return group;
  });
  const seen = new Set<string>();
  const snapshots: LineModifierSnapshot[] = [];

  chosen.forEach((sku, position) => {
    const modifierField = `${field}.modifiers[${position}]`;
    if (seen.has(sku)) {
      throw new OrderRejectedError(
        'duplicate-modifier',
        modifierField,
        `Option "${sku}" is chosen twice. Choose each option once.`,
      );
    }
    seen.add(sku);

    const group = groups.find((candidate) =>
      candidate.options.some((option) => option.sku === sku),
    );
    const option = group?.options.find((candidate) => candidate.sku === sku);
    if (!group || !option) {
      throw new OrderRejectedError(
        'modifier-not-allowed',
        modifierField,
        `Option "${sku}" does not belong to this item. Remove it.`,
      );
    }
    snapshots.push({
      sku,
      name: option.name,
      price: option.price,
      groupId: group.id,
    });
  });

  for (const group of groups) {
    const count = snapshots.filter(
      (modifier) => modifier.groupId === group.id,
    ).length;
    if (count < group.min || count > group.max) {
      throw new OrderRejectedError(
        'modifier-count',
        `${field}.modifiers`,
        `${group.name}: choose ${describeRange(group.min, group.max)}, not ${count}.`,
      );
    }
  }

  return snapshots;
}

function describeRange(min: number, max: number): string {
  if (min === max) return `exactly ${min}`;
  if (min === 0) return `at most ${max}`;
  return `between ${min} and ${max}`;
}

function computeDiscount(
  discount: DiscountInput | undefined,
  subtotal: bigint,
): bigint {
  if (!discount) return 0n;

  if ('percent' in discount) {
    const percent = parseDecimal(discount.percent);
    if (!percent || percent.numerator > percent.denominator * 100n) {
      throw new OrderRejectedError(
        'bad-discount',
        'discount.percent',
        `Discount of ${discount.percent}% is invalid. Use a percentage from 0 to 100.`,
      );
    }
    return roundHalfAwayFromZero(
      subtotal * percent.numerator,
      percent.denominator * 100n,
    );
  }

  const amount = BigInt(discount.amount);
  if (amount > subtotal) {
    throw new OrderRejectedError(
      'bad-discount',
      'discount.amount',
      `Discount of ${discount.amount} is more than the subtotal of ${subtotal}. Lower it.`,
    );
  }
  return amount;
}

/**
 * Splits an amount over lines in proportion to their gross by largest
 * remainder: floors first, then one unit each to the largest remainders,
 * earlier lines first on ties.
 */
export function allocateProportionally(
  amount: bigint,
  weights: bigint[],
): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (amount === 0n || total === 0n) return weights.map(() => 0n);

  const shares = weights.map((weight, position) => ({
    position,
    floor: (amount * weight) / total,
    remainder: (amount * weight) % total,
  }));
  let left = amount - shares.reduce((sum, share) => sum + share.floor, 0n);

  const byRemainder = [...shares].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    return a.position - b.position;
  });
  const allocations = shares.map((share) => share.floor);
  for (const share of byRemainder) {
    if (left === 0n) break;
    allocations[share.position]! += 1n;
    left -= 1n;
  }

  return allocations;
}

function computeTaxes(
  settings: PricingSettings,
  lines: PricedLine[],
): Record<string, bigint> {
  const bases = new Map<string, { rate: string; base: bigint }>();
  for (const line of lines) {
    for (const tax of line.taxes) {
      const entry = bases.get(tax.id) ?? { rate: tax.rate, base: 0n };
      entry.base += BigInt(line.net);
      bases.set(tax.id, entry);
    }
  }

  const taxByRate: Record<string, bigint> = {};
  for (const [id, { rate, base }] of bases) {
    const fraction = parseDecimal(rate);
    if (!fraction)
      throw new Error(`tax rate ${id} has an invalid rate ${rate}`);

    // Inclusive: base × r / (1 + r), with r = n/d, is base × n / (d + n).
    taxByRate[id] =
      settings.taxMode === 'exclusive'
        ? roundHalfAwayFromZero(base * fraction.numerator, fraction.denominator)
        : roundHalfAwayFromZero(
            base * fraction.numerator,
            fraction.denominator + fraction.numerator,
          );
  }
  return taxByRate;
}

function computeTip(tip: TipInput | undefined, afterDiscount: bigint): bigint {
  if (!tip) return 0n;
  if ('amount' in tip) return BigInt(tip.amount);

  const percent = parseDecimal(tip.percent);
  if (!percent) {
    throw new OrderRejectedError(
      'bad-tip',
      'tip.percent',
      `Tip of ${tip.percent}% is invalid. Use a percentage such as "15".`,
    );
  }
  return roundHalfAwayFromZero(
    afterDiscount * percent.numerator,
    percent.denominator * 100n,
  );
}

function computeCashRounding(
  settings: PricingSettings,
  tender: TenderInput,
  due: bigint,
): bigint {
  if (tender.method !== 'cash' || !settings.cashRounding) return 0n;

  const step = BigInt(settings.cashRounding);
  return roundHalfAwayFromZero(due, step) * step - due;
}

function computeChange(tender: TenderInput, total: bigint): bigint {
  if (tender.method !== 'cash' || tender.cashGiven === undefined) return 0n;

  const given = BigInt(tender.cashGiven);
  if (given < total) {
    throw new OrderRejectedError(
      'insufficient-cash',
      'tender.cashGiven',
      `Cash given (${tender.cashGiven}) is less than the total (${total}). ` +
        'Enter the amount the customer handed over.',
    );
  }
  return given - total;
}
