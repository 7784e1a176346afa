import { describe, expect, it } from 'vitest';

import { fixtureMenuNames, loadFixtureMenu } from '../test/support/fixtures.js';
import { GalleyError } from './errors.js';
import { menuFromCsv, menuToCsv } from './menu-csv.js';
import { menuSchema, type Menu } from './menu.js';

function fixtureMenu(name: string): Menu {
  return menuSchema.parse(loadFixtureMenu(name));
}

/** Builds a menu that uses every CSV feature: quotes, commas, line breaks. */
function richMenu(): Menu {
  const menu = structuredClone(fixtureMenu('taco-truck'));
  const item = menu.categories[0]!.items[0]!;
  item.name = 'Taco "al pastor", grilled';
  item.description = 'Pork, pineapple\nand onion';
  item.imageUrl = 'https://example.com/pastor.png';
  menu.modifierGroups[0]!.options[0]!.price = -150;
  menu.categories.push({ id: 'later', name: 'Coming soon', items: [] });
  return menu;
}

function csvError(text: string): GalleyError {
  try {
    menuFromCsv(text);
  } catch (error) {
    if (error instanceof GalleyError) return error;
    throw error;
  }
  throw new Error('expected the CSV to be rejected');
}

const header =
  'type,parent,id,name,price,description,image_url,taxes,modifier_groups,' +
  'min,max,rate,currency,tax_mode,cash_rounding';

describe('menu CSV', () => {
  it.each(fixtureMenuNames())('round-trips fixture %s', (name) => {
    const menu = fixtureMenu(name);
    const once = menuFromCsv(menuToCsv(menu));
    const twice = menuFromCsv(menuToCsv(once));

    expect(once).toEqual(menu);
    expect(twice).toEqual(once);
  });

  it('round-trips quotes, commas, line breaks', () => {
    const menu = richMenu();

    expect(menuFromCsv(menuToCsv(menu))).toEqual(menu);
  });

  it('writes prices in major units', () => {
    const csv = menuToCsv(richMenu());

    expect(csv).toContain(',-1.50,');
    expect(csv.split('\r\n')[0]).toBe(header);
  });

  it('reads a spreadsheet export with BOM and LF', () => {
    const csv = menuToCsv(fixtureMenu('kebab-van')).replaceAll('\r\n', '\n');

    expect(menuFromCsv(`\uFEFF${csv}`)).toEqual(fixtureMenu('kebab-van'));
  });

  it('names row and column of a bad price', () => {
    const lines = menuToCsv(fixtureMenu('taco-truck')).split('\r\n');
    const itemRow = lines.findIndex((line) => line.startsWith('item,'));
    lines[itemRow] = lines[itemRow]!.replace(/,\d+\.\d\d,/, ',3.999,');
    const error = csvError(lines.join('\r\n'));

    expect(error.field).toBe(`row ${itemRow + 1}.price`);
    expect(error.message).toContain(`row ${itemRow + 1}, column "price"`);
    expect(error.message).toContain('more decimals than USD allows');
  });

  it('names row and column of a duplicate SKU', () => {
    const lines = menuToCsv(fixtureMenu('taco-truck')).split('\r\n');
    const itemRows = lines
      .map((line, index) => (line.startsWith('item,') ? index : -1))
      .filter((index) => index >= 0);
    const firstSku = lines[itemRows[0]!]!.split(',')[2]!;
    const cells = lines[itemRows[1]!]!.split(',');
    cells[2] = firstSku;
    lines[itemRows[1]!] = cells.join(',');
    const error = csvError(lines.join('\r\n'));

    expect(error.field).toBe(`row ${itemRows[1]! + 1}.id`);
    expect(error.message).toContain(`duplicate item SKU "${firstSku}"`);
  });

  it('names the min cell of a group with min above max', () => {
    const csv = [
      header,
      'menu,,,Test,,,,,,,,,USD,exclusive,',
      'group,,sauce,Sauce,,,,,,3,2,,,,',
      'option,sauce,S1,Salsa,0.50,,,,,,,,,,',
      'category,,main,Main,,,,,,,,,,,',
      'item,main,T1,Taco,3.00,,,,sauce,,,,,,',
    ].join('\n');
    const error = csvError(csv);

    expect(error.field).toBe('row 3.min');
    expect(error.message).toContain('min must not be above max');
  });

  it('rejects an unknown column', () => {
    const error = csvError(`${header},colour\n`);

    expect(error.field).toBe('row 1');
    expect(error.message).toContain('"colour" is not a menu CSV column');
  });

  it('rejects a cell the row type does not use', () => {
    const csv = [header, 'menu,,,Test,9.99,,,,,,,,USD,exclusive,'].join('\n');
    const error = csvError(csv);

    expect(error.field).toBe('row 2.price');
  });

  it('rejects an item before its category', () => {
    const csv = [
      header,
      'menu,,,Test,,,,,,,,,USD,exclusive,',
      'item,main,T1,Taco,3.00,,,,,,,,,,',
    ].join('\n');
    const error = csvError(csv);

    expect(error.field).toBe('row 3.parent');
    expect(error.message).toContain('no category row with id "main"');
  });

  it('rejects an unclosed quote', () => {
    const error = csvError(`${header}\nmenu,,,"Test,,,,`);

    expect(error.field).toBe('row 2');
    expect(error.message).toContain('not closed');
  });
});
