import { expect, test } from '@playwright/test';

import type { CurrentMenu, OrderSummary } from '../shared/local-api.js';
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

test('open ticket keeps its menu prices', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open(stack.counterUrl);
  await counter.showCategory('Sides');
  await counter.tapItem('Elote');
  await counter.tapItem('Chips & guac');
  const totalBefore = await counter.total('total').textContent();

  // A menu without Elote arrives while the ticket is open. The ticket keeps
  // the version it started with, and the order is sent with that version.
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
  await expect(
    page.getByRole('status').filter({ hasText: 'New menu arrived' }),
  ).toHaveText(
    'New menu arrived: this ticket keeps its prices; the next ticket uses the new menu.',
  );
  await expect(counter.total('total')).toHaveText(totalBefore ?? '');
  await counter.charge();

  await expect(counter.orderNumber).toHaveText('Order 1');
  await expect(counter.chargeError).toHaveCount(0);
  const stored = await trpcCall<OrderSummary[]>(
    stack.terminal.url,
    stack.terminal.token,
    'query',
    'orders.list',
  );
  expect(stored).toHaveLength(1);
  expect(stored[0]?.itemCount).toBe(2);

  // The next ticket starts on the new menu, which has no Elote.
  await counter.startNextOrder();
  await counter.showCategory('Sides');
  await expect(counter.itemTile('Elote')).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'New menu arrived' }),
  ).toHaveCount(0);
});
