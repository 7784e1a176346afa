import type { Locator, Page } from '@playwright/test';

/** The PIN pad shown while nobody is signed in at the counter. */
export class LockScreen {
  readonly heading: Locator;
  readonly pinError: Locator;
  readonly signedInStaff: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByText('Enter your PIN to open the counter.');
    this.pinError = page.getByTestId('pin-error');
    this.signedInStaff = page.getByTestId('signed-in-staff');
  }

  /** Types a PIN on the keyboard and presses Enter, as a cashier would. */
  async enterPin(pin: string): Promise<void> {
    await this.page.keyboard.type(pin);
    await this.page.keyboard.press('Enter');
  }
}
