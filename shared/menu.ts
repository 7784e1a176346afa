import { z } from 'zod';

import { parseDecimal } from './money/decimal.js';

/**
 * The galley.menu.v1 exchange format: what owners keep in files, what the
 * server imports and exports, and what a terminal keeps as its read-only copy.
 */
export const menuFormat = 'galley.menu.v1';

const minorUnits = z
  .number({ error: 'must be a whole number of minor units' })
  .int('must be a whole number of minor units')
  .min(-100_000_000)
  .max(100_000_000);

const identifier = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters');

const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

const decimalRate = z
  .string()
  .refine((value) => parseDecimal(value) !== undefined, {
    message: 'must be a non-negative decimal string such as "0.08875"',
  })
  .refine(
    (value) => {
      const rate = parseDecimal(value);
      return rate !== undefined && rate.numerator < rate.denominator;
    },
    { message: 'must be below 1 (write 8.875% as "0.08875")' },
  );

export const taxRateSchema = z.object({
  id: identifier,
  name: displayName,
  rate: decimalRate,
});

export const modifierOptionSchema = z.object({
  sku: identifier,
  name: displayName,
  price: minorUnits,
});

export const modifierGroupSchema = z
  .object({
    id: identifier,
    name: displayName,
    min: z.number().int().min(0),
    max: z.number().int().min(1),
    options: z.array(modifierOptionSchema).min(1, 'needs at least one option'),
  })
  .refine((group) => group.min <= group.max, {
    message: 'min must not be above max',
    path: ['min'],
  })
  .refine((group) => group.min <= group.options.length, {
    message:
      'min must not be above the number of options, since an option can be chosen only once',
    path: ['min'],
  });

export const menuItemSchema = z.object({
  sku: identifier,
  name: displayName,
  description: z.string().max(500).optional(),
  /** An http(s) URL of the item's picture. */
  imageUrl: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http or https URL',
    })
    .max(2048, 'must be at most 2048 characters')
    .optional(),
  price: minorUnits.min(0, 'must not be negative'),
  taxes: z.array(identifier),
  modifierGroups: z.array(identifier),
});

export const menuCategorySchema = z.object({
  id: identifier,
  name: displayName,
  items: z.array(menuItemSchema),
});

const menuShape = z.object({
  format: z.literal(menuFormat, {
    error: `must be "${menuFormat}"`,
  }),
  name: displayName,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'),
  taxMode: z.enum(['exclusive', 'inclusive']),
  cashRounding: z.number().int().min(1).max(1000).optional(),
  taxRates: z.array(taxRateSchema),
  modifierGroups: z.array(modifierGroupSchema),
  categories: z.array(menuCategorySchema).min(1, 'needs at least one category'),
});

export type Menu = z.infer<typeof menuShape>;
export type MenuItem = z.infer<typeof menuItemSchema>;
export type ModifierGroup = z.infer<typeof modifierGroupSchema>;
export type ModifierOption = z.infer<typeof modifierOptionSchema>;
export type TaxRate = z.infer<typeof taxRateSchema>;

/**
 * A galley.menu.v1 menu with its cross-references checked: unique ids and
 * SKUs, and every tax rate and modifier group an item names defined.
 */
export const menuSchema = menuShape.superRefine((menu, context) => {
  const report = (path: (string | number)[], message: string) =>
    context.addIssue({ code: 'custom', path, message });

  checkUnique(
    menu.taxRates.map((rate) => rate.id),
    (index, id) =>
      report(['taxRates', index, 'id'], `duplicate tax rate id "${id}"`),
  );
  checkUnique(
    menu.modifierGroups.map((group) => group.id),
    (index, id) =>
      report(
        ['modifierGroups', index, 'id'],
        `duplicate modifier group id "${id}"`,
      ),
  );
  checkUnique(
    menu.categories.map((category) => category.id),
    (index, id) =>
      report(['categories', index, 'id'], `duplicate category id "${id}"`),
  );

  const optionSkus = menu.modifierGroups.flatMap((group, groupIndex) =>
    group.options.map((option, optionIndex) => ({
      sku: option.sku,
      path: ['modifierGroups', groupIndex, 'options', optionIndex, 'sku'],
    })),
  );
  checkUnique(
    optionSkus.map((entry) => entry.sku),
    (index, sku) =>
      report(optionSkus[index]!.path, `duplicate option SKU "${sku}"`),
  );

  const rateIds = new Set(menu.taxRates.map((rate) => rate.id));
  const groupIds = new Set(menu.modifierGroups.map((group) => group.id));
  const itemSkus: { sku: string; path: (string | number)[] }[] = [];

  menu.categories.forEach((category, categoryIndex) => {
    category.items.forEach((item, itemIndex) => {
      const itemPath = ['categories', categoryIndex, 'items', itemIndex];
      itemSkus.push({ sku: item.sku, path: [...itemPath, 'sku'] });

      item.taxes.forEach((rateId, taxIndex) => {
        if (!rateIds.has(rateId)) {
          report(
            [...itemPath, 'taxes', taxIndex],
            `unknown tax rate "${rateId}"`,
          );
        }
      });
      checkUnique(item.taxes, (taxIndex, rateId) =>
        report(
          [...itemPath, 'taxes', taxIndex],
          `tax rate "${rateId}" listed twice`,
        ),
      );
      item.modifierGroups.forEach((groupId, groupIndex) => {
        if (!groupIds.has(groupId)) {
          report(
            [...itemPath, 'modifierGroups', groupIndex],
            `unknown modifier group "${groupId}"`,
          );
        }
      });
      checkUnique(item.modifierGroups, (groupIndex, groupId) =>
        report(
          [...itemPath, 'modifierGroups', groupIndex],
          `modifier group "${groupId}" listed twice`,
        ),
      );
    });
  });

  checkUnique(
    itemSkus.map((entry) => entry.sku),
    (index, sku) =>
      report(itemSkus[index]!.path, `duplicate item SKU "${sku}"`),
  );
});

function checkUnique(
  values: string[],
  onDuplicate: (index: number, value: string) => void,
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) onDuplicate(index, value);
    seen.add(value);
  });
}

/** Lookup tables over a menu, built once per menu version. */
export interface MenuIndex {
  menu: Menu;
  items: Map<string, MenuItem>;
  groups: Map<string, ModifierGroup>;
  rates: Map<string, TaxRate>;
}

export function indexMenu(menu: Menu): MenuIndex {
  return {
    menu,
    items: new Map(
      menu.categories.flatMap((category) =>
        category.items.map((item) => [item.sku, item] as const),
      ),
    ),
    groups: new Map(menu.modifierGroups.map((group) => [group.id, group])),
    rates: new Map(menu.taxRates.map((rate) => [rate.id, rate])),
  };
}
