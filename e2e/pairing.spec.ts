import { expect, test } from '@playwright/test';

import { Stack } from './support/stack.js';

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await Stack.start('taco-truck', { pairTerminal: false });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('pairing shows error, then pairs', async ({ page }) => {
  await page.goto(stack.counterUrl);
  await expect(
    page.getByRole('heading', { name: 'Pair this terminal' }),
  ).toBeVisible();

  await page.getByLabel('Pairing code').fill('WRONG-CODE-1');
  await page.getByRole('button', { name: 'Pair' }).click();
  // The server's own message reaches the cashier unchanged.
  await expect(page.getByRole('alert')).toContainText(/pairing code/i);
  await expect(
    page.getByRole('heading', { name: 'Pair this terminal' }),
  ).toBeVisible();

  await page.getByLabel('Pairing code').fill(stack.pairingCode);
  await page.getByRole('button', { name: 'Pair' }).click();

  await expect(page.getByRole('tablist', { name: 'Categories' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Tacos' })).toBeVisible();
});
