import { expect, test } from './support/fixtures.js';

test('sheet refuses to confirm below min', async ({ counter, page }) => {
  const sheet = counter.modifierSheet;
  await counter.showCategory('Tacos');
  await counter.tapItem('Carne asada taco');

  await expect(sheet.addButton).toBeDisabled();
  await expect(sheet.problems).toHaveText('Choose a salsa.');

  // Extras alone do not satisfy the salsa group (min 1).
  await sheet.choose('Guacamole');
  await expect(sheet.addButton).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(sheet.dialog).toBeVisible();
  await expect(counter.ticketLines).toHaveCount(0);

  await sheet.choose('Salsa roja');
  await expect(sheet.addButton).toBeEnabled();
  await expect(sheet.addButton).toHaveText('Add · $6.00');
  await expect(sheet.problems).toHaveText('');
});

test('sheet enforces max per group', async ({ counter }) => {
  const sheet = counter.modifierSheet;
  await counter.showCategory('Tacos');
  await counter.tapItem('Carne asada taco');

  // Salsa is max 1: a second choice replaces the first (radio).
  await sheet.choose('Salsa verde', 'Habanero');
  await expect(sheet.option('Salsa verde')).not.toBeChecked();
  await expect(sheet.option('Habanero')).toBeChecked();

  // Extras is max 3: the fourth option is disabled once three are chosen.
  await sheet.choose('Queso fresco', 'Guacamole', 'Grilled onions');
  await expect(sheet.option('No cilantro')).toBeDisabled();

  // 450 + 25 habanero + 75 queso + 150 guacamole + 50 onions = 750.
  await expect(sheet.addButton).toHaveText('Add · $7.50');
  await sheet.confirm();

  await expect(counter.ticketLine('Carne asada taco')).toContainText(
    'Habanero, Queso fresco, Guacamole, Grilled onions',
  );
  await expect(counter.total('subtotal')).toHaveText('$7.50');
});

test('plain item skips the sheet', async ({ counter }) => {
  await counter.showCategory('Sides');
  await counter.tapItem('Elote');

  await expect(counter.modifierSheet.dialog).toHaveCount(0);
  await expect(counter.ticketLine('Elote')).toHaveCount(1);
  await expect(counter.total('subtotal')).toHaveText('$5.50');
});
