import type { Locator, Page } from '@playwright/test';

/** The list of today's orders with their sync state. */
export class OrdersPage {
  constructor(readonly page: Page) {}

  row(orderNumber: number): Locator {
    return this.page.getByTestId(`order-row-${orderNumber}`);
  }

  syncState(orderNumber: number): Locator {
    return this.row(orderNumber).locator('.sync-badge');
  }
}
