import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { BackOfficePage } from './pages/back-office-page.js';
import { expect, test } from './support/fixtures.js';
import { ownerAccount } from './support/stack.js';

const screenshotsDir = path.resolve('docs', 'screenshots');

test('back office screenshots', async ({ counter, page }) => {
  mkdirSync(screenshotsDir, { recursive: true });
  // One paid order, so the report has a bar and rows to show.
  await counter.showCategory('Sides');
  await counter.tapItem('Elote');
  await counter.charge();
  await counter.startNextOrder();

  const office = new BackOfficePage(page);
  await office.signIn(ownerAccount.email, ownerAccount.password);
  await expect(page.getByTestId('category-editor-tacos')).toBeVisible();
  await page.screenshot({
    path: path.join(screenshotsDir, 'menu-editor.png'),
  });

  await office.openSection('Reports');
  // The order reaches the server's report once the terminal has pushed it.
  await expect(page.getByTestId('report-orders')).not.toHaveText('0', {
    timeout: 20_000,
  });
  await page.screenshot({ path: path.join(screenshotsDir, 'reports.png') });

  // Every back-office control keeps the 48 px touch target.
  const small = await page
    .locator('.back-office button, .back-office input:not([type=checkbox])')
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.getBoundingClientRect().height > 0)
        .filter((element) => element.getBoundingClientRect().height < 48)
        .map((element) => element.outerHTML.slice(0, 80)),
    );
  expect(small).toEqual([]);
});
