import type { Locator, Page } from '@playwright/test';

/** The dialog that collects an item's modifier choices. */
export class ModifierSheet {
  readonly dialog: Locator;
  readonly addButton: Locator;
  readonly problems: Locator;

  constructor(page: Page) {
    this.dialog = page.locator('dialog.sheet', {
      has: page.locator('#modifier-sheet-title'),
    });
    this.addButton = this.dialog.getByRole('button', { name: /^Add/ });
    this.problems = this.dialog.locator('.sheet__problems');
  }

  option(name: string): Locator {
    return this.dialog.getByLabel(name);
  }

  async choose(...names: string[]): Promise<void> {
    for (const name of names) await this.option(name).click();
  }

  async confirm(): Promise<void> {
    await this.addButton.click();
  }
}
