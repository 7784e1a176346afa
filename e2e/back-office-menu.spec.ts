import { expect, test, type Page } from '@playwright/test';

import { BackOfficePage } from './pages/back-office-page.js';
import { CounterPage } from './pages/counter-page.js';
import { LockScreen } from './pages/lock-screen.js';
import { useOwnStack } from './support/own-stack.js';
import { ownerAccount } from './support/stack.js';

// These tests publish menus and mark items sold out, so they run on a
// stack of their own and leave the shared one unchanged.
// Sold-out marks record who set them, so the truck has a cashier.
const stack = useOwnStack('taco-truck', async (started) => {
  await started.ownerCall('mutation', 'staff.create', {
    name: 'Ana',
    role: 'staff',
    pin: '1111',
  });
});
test.describe.configure({ mode: 'serial' });

/** Opens the app, signing the cashier in when the PIN pad shows. */
async function openApp(page: Page): Promise<void> {
  await page.goto(stack().counterUrl);
  const lock = new LockScreen(page);
  const backOffice = page.getByRole('button', { name: 'Back office' });
  await expect(lock.heading.or(backOffice)).toBeVisible({ timeout: 20_000 });
  if (await lock.heading.isVisible()) await lock.enterPin('1111');
  await expect(backOffice).toBeVisible();
}

test('published item reaches the counter', async ({ page, context }) => {
  const cashier = await context.newPage();
  await cashier.goto(stack().counterUrl);
  const lock = new LockScreen(cashier);
  await expect(lock.heading).toBeVisible({ timeout: 20_000 });
  await lock.enterPin('1111');
  const counter = new CounterPage(cashier);
  await counter.open(stack().counterUrl);

  await openApp(page);
  const office = new BackOfficePage(page);
  await office.signIn(ownerAccount.email, ownerAccount.password);

  const group = await office.addModifierGroup();
  await group.getByLabel('Group id').fill('sauce');
  await group.getByLabel('Group name').fill('Sauce');
  await group.getByLabel('Option SKU').fill('SAUCE-BBQ');
  await group.getByLabel('Option name').fill('BBQ sauce');
  await group.getByLabel('Option price').fill('0.50');
  await group.getByRole('button', { name: 'Add option' }).click();
  await group.getByLabel('Option SKU').last().fill('SAUCE-NONE');
  await group.getByLabel('Option name').last().fill('No sauce');
  await group.getByLabel('Option price').last().fill('-0.25');

  const item = await office.addItem('tacos');
  await item.getByLabel('SKU').fill('TACO-BRISKET');
  await item.getByLabel('Item name').fill('Brisket taco');
  await item.getByLabel('Price').fill('7.00');
  await item.getByRole('checkbox', { name: 'Sauce' }).check();

  await office.publish();
  await expect(office.menuNotice).toContainText('Published version');
  await expect(office.menuError).toHaveText('');

  // The counter was open before the publish and must pick the item up.
  await counter.showCategory('Tacos');
  await expect(counter.itemTile('Brisket taco')).toBeVisible({
    timeout: 10_000,
  });
  await counter.tapItem('Brisket taco');
  await expect(counter.modifierSheet.option('No sauce')).toBeVisible();
  await expect(counter.modifierSheet.dialog).toContainText('−$0.25');
  await counter.modifierSheet.dialog
    .getByRole('button', { name: 'Cancel' })
    .click();

  // The cashier marks the new item sold out.
  await cashier.getByRole('button', { name: 'Mark sold out' }).click();
  await counter.tapItem('Brisket taco');
  const sheet = cashier.getByRole('dialog', { name: 'Sold out: Brisket taco' });
  await sheet.getByRole('button', { name: /^Brisket taco/ }).click();
  await expect(
    sheet.getByRole('button', { name: /^Brisket taco/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await sheet.getByRole('button', { name: 'Done', exact: true }).click();
  await cashier.getByRole('button', { name: 'Done marking' }).click();
  const tile = counter.itemTile('Brisket taco');
  await expect(tile).toHaveClass(/is-sold-out/);
  await expect(tile).toHaveAttribute('aria-disabled', 'true');
  // A sold-out tile is not enabled, so the click is forced to prove that
  // the counter itself ignores it.
  await tile.click({ force: true });
  await expect(counter.ticketLines).toHaveCount(0);

  // The mark syncs to the server, and the owner sees it.
  await office.openSection('Trucks');
  await expect(page.getByTestId('sold-out-sku')).toHaveText(['TACO-BRISKET'], {
    timeout: 20_000,
  });
});

test('editor names min above max', async ({ page }) => {
  await openApp(page);
  const office = new BackOfficePage(page);
  await office.signIn(ownerAccount.email, ownerAccount.password);

  const group = await office.addModifierGroup();
  await group.getByLabel('Group id').fill('sides-pick');
  await group.getByLabel('Group name').fill('Pick sides');
  await group.getByLabel('Option name').fill('Beans');
  await group.getByRole('button', { name: 'Add option' }).click();
  await group.getByLabel('Option name').last().fill('Rice');
  await group.getByLabel('Min choices').fill('2');
  await group.getByLabel('Max choices').fill('1');
  await office.saveDraft();

  await expect(office.fieldError(group, 'Min choices')).toHaveText(
    /min must not be above max/,
  );
  await expect(group.getByLabel('Min choices')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
});

test('editor names a duplicate SKU', async ({ page }) => {
  await openApp(page);
  const office = new BackOfficePage(page);
  await office.signIn(ownerAccount.email, ownerAccount.password);

  const item = await office.addItem('sides');
  await item.getByLabel('SKU').fill('SIDE-ELOTE');
  await item.getByLabel('Item name').fill('Second elote');
  await item.getByLabel('Price').fill('5.00');
  await office.saveDraft();

  await expect(office.fieldError(item, 'SKU')).toHaveText(
    /duplicate item SKU "SIDE-ELOTE"/,
  );
  await expect(office.menuError).toContainText('categories.2.items.2.sku');
});

test('editor names an image URL that is not http', async ({ page }) => {
  await openApp(page);
  const office = new BackOfficePage(page);
  await office.signIn(ownerAccount.email, ownerAccount.password);

  const item = await office.addItem('sides');
  await item.getByLabel('SKU').fill('SIDE-BEANS');
  await item.getByLabel('Item name').fill('Refried beans');
  await item.getByLabel('Price').fill('3.50');
  await item
    .getByLabel('Image URL (optional)')
    .fill('ftp://example.test/beans.png');
  await office.saveDraft();

  await expect(office.fieldError(item, 'Image URL (optional)')).toHaveText(
    /must be an http or https URL/,
  );
});
