import { z } from 'zod';

/**
 * An order as the cashier enters it, in the local API and in the fixtures.
 * The schema checks only the shape; pricing checks the values against the
 * menu and rejects them with a reason that names the field.
 */
export const orderLineInputSchema = z.object({
  sku: z.string().max(64),
  quantity: z.unknown(),
  modifiers: z.array(z.string().max(64)).max(50).optional(),
});

export const orderInputSchema = z.object({
  lines: z
    .array(orderLineInputSchema)
    .max(200, 'an order has at most 200 lines'),
  discount: z.unknown().optional(),
  tip: z.unknown().optional(),
  tender: z.object({ method: z.string().max(32) }).passthrough(),
  note: z.string().max(500).optional(),
});

export type OrderInputRaw = z.infer<typeof orderInputSchema>;

export type DiscountInput = { percent: string } | { amount: number };
export type TipInput = { percent: string } | { amount: number };
export const tenderMethods = ['cash', 'card', 'other'] as const;
export type TenderMethod = (typeof tenderMethods)[number];
export type TenderInput =
  | { method: 'cash'; cashGiven?: number }
  | { method: 'card' }
  | { method: 'other' };

/** An order input whose every value has been checked. */
export interface OrderInput {
  lines: { sku: string; quantity: number; modifiers: string[] }[];
  discount?: DiscountInput;
  tip?: TipInput;
  tender: TenderInput;
}

export type TaxMode = 'exclusive' | 'inclusive';

/** What an order line keeps of the menu it was sold from. */
export interface LineModifierSnapshot {
  sku: string;
  name: string;
  price: number;
  groupId: string;
}

export interface LineTaxSnapshot {
  id: string;
  name: string;
  rate: string;
}

/** One priced line, with the names, prices and rates it was sold with. */
export interface PricedLine {
  sku: string;
  name: string;
  quantity: number;
  basePrice: number;
  modifiers: LineModifierSnapshot[];
  unitPrice: number;
  gross: number;
  discount: number;
  net: number;
  taxes: LineTaxSnapshot[];
}

export interface OrderTotals {
  subtotal: number;
  discount: number;
  tax: number;
  taxByRate: Record<string, number>;
  tip: number;
  rounding: number;
  total: number;
  change: number;
}

/** The menu settings that pricing depends on besides the lines. */
export interface PricingSettings {
  currency: string;
  taxMode: TaxMode;
  cashRounding?: number | undefined;
}

export interface PricedOrder {
  settings: PricingSettings;
  lines: PricedLine[];
  discount?: DiscountInput;
  tip?: TipInput;
  tender: TenderInput;
  totals: OrderTotals;
}

export const orderTotalsSchema = z.object({
  subtotal: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  taxByRate: z.record(z.string(), z.number().int()),
  tip: z.number().int(),
  rounding: z.number().int(),
  total: z.number().int(),
  change: z.number().int(),
});
