import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from '@playwright/test';

import type { CounterPage } from './pages/counter-page.js';
import { expect, test } from './support/fixtures.js';

const screenshotsDir = path.resolve('docs', 'screenshots');

async function fillTicket(counter: CounterPage): Promise<void> {
  await counter.showCategory('Tacos');
  await counter.tapItem('Carne asada taco');
  await counter.modifierSheet.choose('Salsa verde', 'Guacamole');
  await counter.modifierSheet.confirm();
  await counter.increaseQuantity('Carne asada taco');
  await counter.showCategory('Burritos & bowls');
  await counter.tapItem('Chicken rice bowl');
  await counter.modifierSheet.choose('Salsa roja', 'Swap meat for black beans');
  await counter.modifierSheet.confirm();
  await counter.showCategory('Drinks');
  await counter.tapItem('Horchata');
  await counter.tapItem('Jarritos');
  await counter.setDiscountPercent('10');
  await counter.enterCashGiven('40');
}

/** Elements whose content is taller than their box, so they would scroll. */
async function scrollingElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, document.body, ...document.querySelectorAll('*')]
      .filter((element) => element.scrollHeight > element.clientHeight + 1)
      .filter(
        (element) =>
          getComputedStyle(element).overflowY !== 'visible' ||
          element === document.documentElement,
      )
      .map(
        (element) => `${element.tagName.toLowerCase()}.${element.className}`,
      ),
  );
}

/**
 * Visible buttons, option tiles and fields smaller than 48 × 48 CSS pixels.
 * A radio or checkbox inside an option tile counts as the tile, which is
 * what the finger hits.
 */
async function smallTargets(page: Page): Promise<string[]> {
  const targets = page.locator(
    'button:visible, label.modifier-option:visible, input:visible:not(.modifier-option input)',
  );
  const small: string[] = [];
  for (const target of await targets.all()) {
    const box = await target.boundingBox();
    if (box && (box.width < 48 || box.height < 48)) {
      const name =
        (await target.textContent())?.trim() ||
        (await target.getAttribute('aria-label'));
      small.push(
        `${name} (${Math.round(box.width)}×${Math.round(box.height)})`,
      );
    }
  }
  return small;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`counter fits ${viewport.width}×${viewport.height}`, async ({
    counter,
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await fillTicket(counter);

    expect(await scrollingElements(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await expect(counter.chargeButton).toBeInViewport({ ratio: 1 });

    await counter.showCategory('Tacos');
    await counter.tapItem('Al pastor taco');
    await page.screenshot({ path: testInfo.outputPath('modifier-sheet.png') });
    expect(await smallTargets(page)).toEqual([]);
    expect(await scrollingElements(page)).toEqual([]);
  });
}

test('counter screenshots, light and dark', async ({ counter, page }) => {
  mkdirSync(screenshotsDir, { recursive: true });
  await fillTicket(counter);
  // The focus ring of the cash field is not part of the documented look.
  await page.evaluate(() =>
    (document.activeElement as HTMLElement | null)?.blur(),
  );
  await page.screenshot({ path: path.join(screenshotsDir, 'counter.png') });

  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({
    path: path.join(screenshotsDir, 'counter-dark.png'),
  });
});
