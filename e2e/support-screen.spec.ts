import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { expect, test } from '@playwright/test';

import { readTar } from '../main/core/diagnostics/tar.js';
import { tacoOrder } from '../test/support/fault-stack.js';
import { trpcCall } from '../test/support/processes.js';
import { useOwnStack } from './support/own-stack.js';

// The archive and sync state depend on what this file does, so it runs
// on a stack of its own.
const stack = useOwnStack('taco-truck');

test('support screen shows sync state and exports the archive', async ({
  page,
}) => {
  const { terminal } = stack();
  await trpcCall(
    terminal.url,
    terminal.token,
    'mutation',
    'orders.create',
    tacoOrder,
  );
  await trpcCall(terminal.url, terminal.token, 'mutation', 'sync.now');

  await page.goto(stack().counterUrl);
  await page.getByRole('button', { name: 'Support' }).click();

  await expect(page.getByRole('heading', { name: 'Support' })).toBeVisible();
  await expect(page.getByTestId('support-sync')).toContainText('Online');
  await expect(page.getByText('Rejected by the server')).toBeVisible();
  await expect(page.getByTestId('reconciliation')).toContainText('Reconciled', {
    timeout: 20_000,
  });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^galley-diagnostics-.+\.tar\.gz$/,
  );
  const files = readTar(gunzipSync(readFileSync(await download.path())));
  expect(files.map((file) => file.name)).toContain('diagnostics.json');
});
