import type { Locator, Page } from '@playwright/test';

/** The sync status in the app bar. */
export class StatusBar {
  readonly connectionState: Locator;
  readonly pendingCount: Locator;
  readonly syncNowButton: Locator;

  constructor(page: Page) {
    this.connectionState = page.getByTestId('connection-state');
    this.pendingCount = page.getByTestId('pending-count');
    this.syncNowButton = page.getByRole('button', { name: 'Sync now' });
  }
}
