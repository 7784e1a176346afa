import type { Locator, Page } from '@playwright/test';

import { expect, test } from './support/fixtures.js';

/** Presses Tab until the target has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (
      await target.evaluate((element) => element === document.activeElement)
    ) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}.`);
}

// Taco truck menu, USD, NYC sales tax 8.875% on both items:
//   taco line  = (450 + 0 salsa verde + 150 guacamole) × 2 = 1200
//   horchata   = 400
//   subtotal   = 1600
//   tax        = round(1600 × 0.08875) = round(142.0) = 142
//   total      = 1742
test('keyboard-only card order', async ({ counter, page }) => {
  const keyboard = page.keyboard;

  // Digit 1 adds the first taco. In the sheet, 1 is salsa verde and 5 is
  // guacamole, because the three salsas come before the extras.
  await keyboard.press('1');
  await expect(counter.modifierSheet.dialog).toBeVisible();
  await keyboard.press('1');
  await keyboard.press('5');
  await keyboard.press('Enter');
  await expect(counter.modifierSheet.dialog).toBeHidden();
  await keyboard.press('+');

  await tabTo(page, page.getByRole('tab', { name: 'Tacos' }));
  await keyboard.press('ArrowRight');
  await keyboard.press('ArrowRight');
  await keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Drinks' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await keyboard.press('1');

  await tabTo(page, page.getByRole('radio', { name: 'Card' }));
  await keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'Card' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  await expect(counter.ticketLine('Carne asada taco')).toContainText(
    'Salsa verde, Guacamole',
  );
  await expect(
    counter.ticketLine('Carne asada taco').getByTestId('line-quantity'),
  ).toHaveText('2');
  await expect(counter.ticketLine('Horchata')).toHaveCount(1);
  await expect(counter.total('subtotal')).toHaveText('$16.00');
  await expect(counter.tax('nyc-sales')).toHaveText('$1.42');
  await expect(counter.total('total')).toHaveText('$17.42');

  await keyboard.press('Escape');
  await keyboard.press('Enter');

  await expect(counter.orderNumber).toHaveText(/^Order \d+$/);
  await expect(counter.confirmation).toContainText('Paid by card');
  await expect(page.getByTestId('confirmed-total')).toHaveText('$17.42');

  await keyboard.press('Enter');
  await expect(counter.confirmation).toBeHidden();
  await expect(counter.ticketLines).toHaveCount(0);
});

test('escape closes dialogs opened one after another', async ({
  counter,
  page,
}) => {
  const openDialogs = page.locator('dialog[open]');

  await page.keyboard.press('1');
  await expect(counter.modifierSheet.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(openDialogs).toHaveCount(0);

  await page.getByRole('tab', { name: 'Sides' }).click();
  await page.keyboard.press('1');
  await page.getByRole('button', { name: 'Discount' }).click();
  await expect(openDialogs).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(openDialogs).toHaveCount(0);

  await page.getByRole('button', { name: 'Tip' }).click();
  await expect(openDialogs).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(openDialogs).toHaveCount(0);
});
