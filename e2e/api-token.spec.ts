import { expect, test } from './support/fixtures.js';

const noTokenHeading = 'Open the link the terminal printed';

test('token leaves the address bar', async ({ counter, page, stack }) => {
  expect(page.url()).toBe(`${stack.terminal.url}/`);

  await page.reload();

  await expect(page.getByRole('tab', { name: 'Tacos' })).toBeVisible();
  await expect(counter.chargeButton).toBeVisible();
});

test('missing token shows link screen', async ({ browser, stack }) => {
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(`${stack.terminal.url}/`);

  await expect(
    page.getByRole('heading', { name: noTokenHeading }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(
    'needs the API token of the terminal',
  );
  await context.close();
});

test('wrong token shows link screen', async ({ browser, stack }) => {
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(`${stack.terminal.url}/#token=not-the-token`);

  await expect(
    page.getByRole('heading', { name: noTokenHeading }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(
    'rejected the saved API token',
  );
  expect(
    await page.evaluate(() => window.sessionStorage.getItem('galley.apiToken')),
  ).toBeNull();
  await context.close();
});
