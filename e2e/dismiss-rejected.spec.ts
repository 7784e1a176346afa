import path from 'node:path';

import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';

import type { SyncStatus } from '../shared/local-api.js';
import { trpcCall } from '../test/support/processes.js';
import { CounterPage } from './pages/counter-page.js';
import { LockScreen } from './pages/lock-screen.js';
import { useOwnStack } from './support/own-stack.js';

// Staff records make the counter ask for a PIN, and this test breaks an
// order on purpose, so it runs on a stack of its own.
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

/**
 * Raises the total in an order's outbox entry by one minor unit, as a
 * terminal bug would, so that the server rejects it. SQLite lets this
 * second connection write while the terminal runs.
 */
function breakOrderSnapshot(dataDir: string): void {
  const sqlite = new Database(path.join(dataDir, 'terminal.sqlite'));
  try {
    sqlite.pragma('busy_timeout = 5000');
    const changed = sqlite
      .prepare(
        `UPDATE outbox SET payload_json = json_set(payload_json,
           '$.totals.total', json_extract(payload_json, '$.totals.total') + 1)
         WHERE state = 'pending' AND kind = 'order.created'`,
      )
      .run().changes;
    expect(changed).toBe(1);
  } finally {
    sqlite.close();
  }
}

test('a manager dismisses a rejected order', async ({ page }) => {
  const { terminal } = stack();
  const lock = new LockScreen(page);
  await page.goto(stack().counterUrl);
  await expect(lock.heading).toBeVisible({ timeout: 20_000 });
  await lock.enterPin('1357');
  await expect(lock.signedInStaff).toContainText('Sam');

  await stack().stopServer();
  const counter = new CounterPage(page);
  await counter.showCategory('Sides');
  await counter.tapItem('Elote');
  await counter.charge();
  await expect(counter.orderNumber).toHaveText('Order 1');
  await counter.startNextOrder();
  breakOrderSnapshot(terminal.dataDir);

  await stack().restartServer();
  await expect
    .poll(
      async () => {
        await trpcCall(terminal.url, terminal.token, 'mutation', 'sync.now');
        const status = await trpcCall<SyncStatus>(
          terminal.url,
          terminal.token,
          'query',
          'sync.status',
        );
        return status.rejected;
      },
      { timeout: 30_000 },
    )
    .toBe(1);

  // A signed-in member and a rejected entry crowd the header most; at
  // 1280 px no button label may spill out of its box.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('status-bar')).toContainText('1 rejected');
  expect(
    await page
      .locator('header button')
      .evaluateAll((buttons) =>
        buttons
          .filter((button) => button.scrollWidth > button.clientWidth + 1)
          .map((button) => button.textContent),
      ),
  ).toEqual([]);

  await page.getByRole('button', { name: 'Support' }).click();
  const rejected = page.getByTestId('rejected-entries');
  await expect(rejected).toContainText('but its lines add up to');
  await rejected.getByRole('button', { name: 'Dismiss' }).click();

  const dialog = page.getByRole('dialog', { name: 'Dismiss order 1' });
  await dialog.getByLabel('Reason').fill('total corrupted, rung again');
  await dialog.getByRole('button', { name: 'Dismiss' }).click();

  // Sam is staff, so the terminal requests a manager's PIN.
  const approval = page.getByRole('dialog', { name: /Manager approval/ });
  await expect(approval).toContainText(
    'A manager must approve dismissing an entry the server rejected.',
  );
  await lock.enterPin('2468');
  await expect(approval).toBeHidden();
  await expect(dialog).toBeHidden();

  const dismissed = page.getByTestId('dismissed-entries');
  await expect(dismissed).toContainText('total corrupted, rung again');
  await expect(rejected).toBeHidden();

  await counter.openOrders();
  await expect(page.getByText('Dismissed by a manager')).toBeVisible();
});
