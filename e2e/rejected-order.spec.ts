import { expect, test } from '@playwright/test';

import type { CurrentMenu } from '../shared/local-api.js';
import type { Menu } from '../shared/menu.js';
import { eventually, trpcCall } from '../test/support/processes.js';
import { loadFixtureMenu } from '../test/support/fixtures.js';
import { CounterPage } from './pages/counter-page.js';
import { Stack } from './support/stack.js';

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await Stack.start('taco-truck');
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Builds the taco truck menu without Elote, as an owner removing it would. */
function menuWithoutElote(): Menu {
  const menu = structuredClone(loadFixtureMenu('taco-truck')) as Menu;
  for (const category of menu.categories) {
    category.items = category.items.filter((item) => item.sku !== 'SIDE-ELOTE');
  }
  return menu;
}

test('rejected order keeps the ticket', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open(stack.counterUrl);
  await counter.showCategory('Sides');
  await counter.tapItem('Elote');
  await counter.tapItem('Chips & guac');

  // The terminal takes the new menu within its 2 s pull interval, while the
  // page still prices with the menu it loaded, so the charge reaches the
  // terminal and the terminal rejects the line.
  // NOTE: this relies on the page's 15 s menu refetch not running between
  // the import and the charge, which take about 2 s here.
  const version = await stack.importMenu(menuWithoutElote());
  await eventually('terminal stores the new menu', async () => {
    const current = await trpcCall<CurrentMenu | null>(
      stack.terminal.url,
      stack.terminal.token,
      'query',
      'menu.current',
    );
    return current?.version === version;
  });
  await counter.charge();

  await expect(counter.chargeError).toContainText('SIDE-ELOTE');
  await expect(counter.chargeError).toContainText('not on the current menu');
  await expect(counter.confirmation).toBeHidden();
  await expect(counter.ticketLines).toHaveCount(2);
  await expect(counter.ticketLine('Elote')).toHaveCount(1);
  await expect(counter.ticketLine('Chips & guac')).toHaveCount(1);

  const stored = await trpcCall<unknown[]>(
    stack.terminal.url,
    stack.terminal.token,
    'query',
    'orders.list',
  );
  expect(stored).toEqual([]);
});
