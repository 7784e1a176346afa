import { expect, test } from '@playwright/test';

import { CounterPage } from './pages/counter-page.js';
import { LockScreen } from './pages/lock-screen.js';
import { useOwnStack } from './support/own-stack.js';

// Staff records make the counter ask for a PIN, so these tests run on a
// stack of their own.
const stack = useOwnStack('taco-truck', async (started) => {
  await started.ownerCall('mutation', 'staff.create', {
    name: 'Maria',
    role: 'manager',
    pin: '2468',
  });
  await started.ownerCall('mutation', 'staff.create', {
    name: 'Sam',
    role: 'staff',
    pin: '1357',
  });
});
test.describe.configure({ mode: 'serial' });

test('staff void needs a manager PIN', async ({ page }) => {
  const lock = new LockScreen(page);
  await page.goto(stack().counterUrl);
  // The terminal receives the staff records at its next pull.
  await expect(lock.heading).toBeVisible({ timeout: 20_000 });

  await lock.enterPin('1357');
  await expect(lock.signedInStaff).toContainText('Sam');

  const counter = new CounterPage(page);
  await counter.showCategory('Sides');
  await counter.tapItem('Elote');
  await counter.charge();
  await expect(counter.orderNumber).toHaveText('Order 1');
  await counter.startNextOrder();

  await counter.openOrders();
  await page.getByRole('button', { name: 'Void order 1' }).click();
  await page.getByLabel('Reason').fill('wrong item');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Void order' })
    .click();

  const approval = page.getByRole('dialog', { name: /Manager approval/ });
  await expect(approval).toBeVisible();
  await lock.enterPin('2468');
  await expect(approval).toBeHidden();
  await expect(page.getByTestId('order-state')).toHaveText(['Voided']);
});

test('wrong PINs lock PIN entry', async ({ page }) => {
  const lock = new LockScreen(page);
  await page.goto(stack().counterUrl);
  // Sam is still signed in from the test above; switching user locks.
  await expect(lock.signedInStaff).toContainText('Sam');
  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(lock.heading).toBeVisible();

  await lock.enterPin('0000');
  await expect(lock.pinError).toHaveText(
    'Wrong PIN. 4 tries left before PIN entry locks for 5 minutes.',
  );
  for (const left of [3, 2, 1]) {
    await lock.enterPin('0000');
    await expect(lock.pinError).toContainText(`${left} tr`);
  }
  await lock.enterPin('0000');
  await expect(lock.pinError).toContainText(
    'Too many wrong PINs. Try again at',
  );

  // Even the right PIN waits out the lock-out.
  await lock.enterPin('1357');
  await expect(lock.pinError).toContainText('Too many wrong PINs');
  await expect(lock.heading).toBeVisible();
});
