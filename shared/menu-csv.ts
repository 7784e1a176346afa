import type { z } from 'zod';

import { CsvSyntaxError, formatCsv, parseCsv } from './csv.js';
import { GalleyError } from './errors.js';
import { menuFormat, menuSchema, type Menu } from './menu.js';
import { currencyExponent } from './money/index.js';

/**
 * A galley.menu.v1 menu as one CSV table that a spreadsheet can open, edit
 * and save again. The header row names these columns (in any order):
 *
 *   type, parent, id, name, price, description, image_url, taxes,
 *   modifier_groups, min, max, rate, currency, tax_mode, cash_rounding
 *
 * and each further row has a `type` that decides which cells it uses:
 *
 * | type     | cells                                                       |
 * | -------- | ----------------------------------------------------------- |
 * | menu     | name, currency, tax_mode, cash_rounding (exactly one row)   |
 * | tax      | id, name, rate ("0.08875")                                  |
 * | group    | id, name, min, max (a modifier group)                       |
 * | option   | parent (group id), id (SKU), name, price                    |
 * | category | id, name                                                    |
 * | item     | parent (category id), id (SKU), name, price, description,  |
 * |          | image_url, taxes, modifier_groups                           |
 *
 * Every other cell of a row stays empty. Prices are in major units with a
 * decimal point, as many decimals as the currency has at most ("8.99",
 * "-1.50" for USD; "500" for JPY). `cash_rounding` is in minor units, as in
 * the JSON format. `taxes` and `modifier_groups` list ids separated by "|".
 * Categories, items, groups and options keep the order of their rows. Empty
 * cells mean "not set", so an empty description is the same as none.
 *
 * NOTE: a spreadsheet may rewrite cells it reads as numbers (an SKU "007"
 * becomes 7) unless the column is formatted as text. A name that starts
 * with "=" is written as is, and a spreadsheet may run it as a formula.
 */
export const menuCsvColumns = [
  'type',
  'parent',
  'id',
  'name',
  'price',
  'description',
  'image_url',
  'taxes',
  'modifier_groups',
  'min',
  'max',
  'rate',
  'currency',
  'tax_mode',
  'cash_rounding',
] as const;

type Column = (typeof menuCsvColumns)[number];
type Row = Partial<Record<Column, string>>;

const cellsByType: Record<string, readonly Column[]> = {
  menu: ['name', 'currency', 'tax_mode', 'cash_rounding'],
  tax: ['id', 'name', 'rate'],
  group: ['id', 'name', 'min', 'max'],
  option: ['parent', 'id', 'name', 'price'],
  category: ['id', 'name'],
  item: [
    'parent',
    'id',
    'name',
    'price',
    'description',
    'image_url',
    'taxes',
    'modifier_groups',
  ],
};

const listSeparator = '|';

/** Writes a menu as CSV. The menu must already be valid. */
export function menuToCsv(menu: Menu): string {
  const rows: Row[] = [
    {
      type: 'menu',
      name: menu.name,
      currency: menu.currency,
      tax_mode: menu.taxMode,
      cash_rounding:
        menu.cashRounding === undefined ? '' : String(menu.cashRounding),
    },
  ];
  const price = (amount: number) => formatMajorUnits(amount, menu.currency);

  for (const rate of menu.taxRates) {
    rows.push({ type: 'tax', id: rate.id, name: rate.name, rate: rate.rate });
  }
  for (const group of menu.modifierGroups) {
    rows.push({
      type: 'group',
      id: group.id,
      name: group.name,
      min: String(group.min),
      max: String(group.max),
    });
    for (const option of group.options) {
      rows.push({
        type: 'option',
        parent: group.id,
        id: option.sku,
        name: option.name,
        price: price(option.price),
      });
    }
  }
  for (const category of menu.categories) {
    rows.push({ type: 'category', id: category.id, name: category.name });
    for (const item of category.items) {
      rows.push({
        type: 'item',
        parent: category.id,
        id: item.sku,
        name: item.name,
        price: price(item.price),
        description: item.description ?? '',
        image_url: item.imageUrl ?? '',
        taxes: joinIds(item.taxes, `item ${item.sku}`),
        modifier_groups: joinIds(item.modifierGroups, `item ${item.sku}`),
      });
    }
  }

  return formatCsv([
    [...menuCsvColumns],
    ...rows.map((row) => menuCsvColumns.map((column) => row[column] ?? '')),
  ]);
}

/**
 * Reads a menu from CSV and validates it with the galley.menu.v1 schema.
 * Every error is a BAD_REQUEST whose message and field name the row and
 * the column, such as `row 7, column "price"`.
 */
export function menuFromCsv(text: string): Menu {
  const records = readRecords(text);
  const columns = readHeader(records[0] ?? []);
  const builder = new MenuBuilder();

  records.slice(1).forEach((record, index) => {
    const rowNumber = index + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    builder.add(rowNumber, toRow(record, columns, rowNumber));
  });

  const { menu, origins } = builder.finish();
  const parsed = menuSchema.safeParse(menu);
  if (!parsed.success) throw rowErrorFor(parsed.error, origins);
  return parsed.data;
}

function readRecords(text: string): string[][] {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw csvError(error.row, undefined, error.message);
    }
    throw error;
  }
}

function readHeader(header: string[]): Column[] {
  const names = header.map((cell) => cell.trim().toLowerCase());
  for (const [index, name] of names.entries()) {
    if (!(menuCsvColumns as readonly string[]).includes(name)) {
      throw csvError(
        1,
        undefined,
        `header cell ${index + 1} "${name}" is not a menu CSV column. ` +
          `Use these columns: ${menuCsvColumns.join(', ')}`,
      );
    }
  }
  const missing = menuCsvColumns.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw csvError(
      1,
      undefined,
      `the header is missing ${missing.join(', ')}; add these columns`,
    );
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) {
    throw csvError(
      1,
      undefined,
      `the header names "${repeated}" twice; remove one of them`,
    );
  }
  return names as Column[];
}

function toRow(record: string[], columns: Column[], rowNumber: number): Row {
  if (record.length > columns.length) {
    throw csvError(
      rowNumber,
      undefined,
      `the row has ${record.length} cells but the header only ${columns.length}`,
    );
  }
  const row: Row = {};
  columns.forEach((column, index) => {
    row[column] = (record[index] ?? '').trim();
  });
  return row;
}

/** Source row number of each part of the built menu, to name rows in errors. */
type Origins = Map<string, number>;

class MenuBuilder {
  readonly #origins: Origins = new Map();
  #menuRow: { row: Row; number: number } | undefined;
  readonly #taxRates: Menu['taxRates'] = [];
  readonly #groups: Menu['modifierGroups'] = [];
  readonly #categories: Menu['categories'] = [];
  #currency: string | undefined;

  add(rowNumber: number, row: Row): void {
    const type = row.type ?? '';
    const allowed = cellsByType[type];
    if (!allowed) {
      throw csvError(
        rowNumber,
        'type',
        `"${type}" is not a row type. Use one of: ${Object.keys(cellsByType).join(', ')}`,
      );
    }
    for (const column of menuCsvColumns) {
      if (column === 'type' || allowed.includes(column)) continue;
      if (row[column]) {
        throw csvError(
          rowNumber,
          column,
          `a ${type} row leaves this cell empty; it uses ${allowed.join(', ')}`,
        );
      }
    }
    this.#addTyped(type, rowNumber, row);
  }

  #addTyped(type: string, rowNumber: number, row: Row): void {
    const at = (path: (string | number)[]) =>
      this.#origins.set(path.join('.'), rowNumber);
    if (type === 'menu') {
      if (this.#menuRow) {
        throw csvError(
          rowNumber,
          'type',
          `the menu row is already on row ${this.#menuRow.number}; keep one`,
        );
      }
      this.#menuRow = { row, number: rowNumber };
      this.#currency = row.currency;
      at([]);
    } else if (type === 'tax') {
      at(['taxRates', this.#taxRates.length]);
      this.#taxRates.push({
        id: row.id ?? '',
        name: row.name ?? '',
        rate: row.rate ?? '',
      });
    } else if (type === 'group') {
      at(['modifierGroups', this.#groups.length]);
      this.#groups.push({
        id: row.id ?? '',
        name: row.name ?? '',
        min: readInteger(row.min, rowNumber, 'min'),
        max: readInteger(row.max, rowNumber, 'max'),
        options: [],
      });
    } else if (type === 'option') {
      const groupIndex = this.#groups.findIndex((g) => g.id === row.parent);
      const group = this.#groups[groupIndex];
      if (!group) throw unknownParent(rowNumber, 'group', row.parent);
      at(['modifierGroups', groupIndex, 'options', group.options.length]);
      group.options.push({
        sku: row.id ?? '',
        name: row.name ?? '',
        price: this.#price(row.price, rowNumber),
      });
    } else if (type === 'category') {
      at(['categories', this.#categories.length]);
      this.#categories.push({
        id: row.id ?? '',
        name: row.name ?? '',
        items: [],
      });
    } else {
      this.#addItem(rowNumber, row, at);
    }
  }

  #addItem(
    rowNumber: number,
    row: Row,
    at: (path: (string | number)[]) => void,
  ): void {
    const categoryIndex = this.#categories.findIndex(
      (category) => category.id === row.parent,
    );
    const category = this.#categories[categoryIndex];
    if (!category) throw unknownParent(rowNumber, 'category', row.parent);
    at(['categories', categoryIndex, 'items', category.items.length]);
    category.items.push({
      sku: row.id ?? '',
      name: row.name ?? '',
      ...(row.description ? { description: row.description } : {}),
      ...(row.image_url ? { imageUrl: row.image_url } : {}),
      price: this.#price(row.price, rowNumber),
      taxes: splitIds(row.taxes),
      modifierGroups: splitIds(row.modifier_groups),
    });
  }

  #price(cell: string | undefined, rowNumber: number): number {
    if (!this.#menuRow) {
      throw csvError(
        rowNumber,
        'price',
        'prices depend on the currency, so put the menu row first',
      );
    }
    return parseMajorUnits(cell ?? '', this.#currency ?? '', rowNumber);
  }

  finish(): { menu: unknown; origins: Origins } {
    if (!this.#menuRow) {
      throw csvError(2, 'type', 'the CSV has no menu row; add one first');
    }
    const { row } = this.#menuRow;
    const menu = {
      format: menuFormat,
      name: row.name ?? '',
      currency: row.currency ?? '',
      taxMode: row.tax_mode ?? '',
      ...(row.cash_rounding
        ? {
            cashRounding: readInteger(
              row.cash_rounding,
              this.#menuRow.number,
              'cash_rounding',
            ),
          }
        : {}),
      taxRates: this.#taxRates,
      modifierGroups: this.#groups,
      categories: this.#categories,
    };
    return { menu, origins: this.#origins };
  }
}

/** Maps a menu field to its CSV column. */
const columnOfField: Record<string, Column> = {
  id: 'id',
  sku: 'id',
  name: 'name',
  price: 'price',
  description: 'description',
  imageUrl: 'image_url',
  taxes: 'taxes',
  modifierGroups: 'modifier_groups',
  min: 'min',
  max: 'max',
  rate: 'rate',
  currency: 'currency',
  taxMode: 'tax_mode',
  cashRounding: 'cash_rounding',
};

function rowErrorFor(error: z.ZodError, origins: Origins): GalleyError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);

  // The longest path prefix that a row produced is the row to blame.
  for (let length = path.length; length >= 0; length -= 1) {
    const row = origins.get(path.slice(0, length).join('.'));
    if (row === undefined) continue;
    const field = path[length];
    const column = field ? columnOfField[field] : undefined;
    return csvError(row, column, issue.message);
  }
  return csvError(1, undefined, issue.message);
}

function csvError(
  row: number,
  column: Column | undefined,
  problem: string,
): GalleyError {
  const where = column ? `row ${row}, column "${column}"` : `row ${row}`;
  return new GalleyError(
    'BAD_REQUEST',
    `Invalid menu CSV at ${where}: ${problem}.`,
    {
      field: column ? `row ${row}.${column}` : `row ${row}`,
    },
  );
}

function unknownParent(
  rowNumber: number,
  kind: 'group' | 'category',
  id: string | undefined,
): GalleyError {
  return csvError(
    rowNumber,
    'parent',
    `no ${kind} row with id "${id ?? ''}" comes before this row`,
  );
}

function readInteger(
  cell: string | undefined,
  rowNumber: number,
  column: Column,
): number {
  if (!/^\d{1,6}$/.test(cell ?? '')) {
    throw csvError(
      rowNumber,
      column,
      `"${cell ?? ''}" is not a whole number; write digits only, such as "2"`,
    );
  }
  return Number(cell);
}

function splitIds(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell.split(listSeparator).map((id) => id.trim());
}

function joinIds(ids: string[], owner: string): string {
  for (const id of ids) {
    if (id.includes(listSeparator)) {
      throw new GalleyError(
        'BAD_REQUEST',
        `Cannot write ${owner} as CSV: the id "${id}" contains "${listSeparator}", ` +
          'which separates ids in a cell. Rename it, or export as JSON.',
      );
    }
  }
  return ids.join(listSeparator);
}

/** Writes minor units as a decimal in major units: 899 USD → "8.99". */
export function formatMajorUnits(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const sign = amount < 0 ? '-' : '';
  return exponent > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

function parseMajorUnits(
  cell: string,
  currency: string,
  rowNumber: number,
): number {
  const exponent = currencyExponent(currency);
  const match = /^(-?)(\d{1,12})(?:\.(\d+))?$/.exec(cell);
  if (!match) {
    throw csvError(
      rowNumber,
      'price',
      `"${cell}" is not a price; write it with a decimal point, such as "8.99" or "-1.50"`,
    );
  }
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    throw csvError(
      rowNumber,
      'price',
      `"${cell}" has more decimals than ${currency} allows (${exponent})`,
    );
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  return sign === '-' && minor !== 0 ? -minor : minor;
}
