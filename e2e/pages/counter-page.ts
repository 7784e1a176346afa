import { expect, type Locator, type Page } from '@playwright/test';

import { ModifierSheet } from './modifier-sheet.js';
import { StatusBar } from './status-bar.js';

/** The counter screen: menu, ticket, tender, charge and confirmation. */
export class CounterPage {
  readonly statusBar: StatusBar;
  readonly modifierSheet: ModifierSheet;
  readonly chargeButton: Locator;
  readonly ticketLines: Locator;
  readonly chargeError: Locator;
  readonly confirmation: Locator;
  readonly orderNumber: Locator;
  readonly changeDue: Locator;
  readonly cashChange: Locator;

  constructor(readonly page: Page) {
    this.statusBar = new StatusBar(page);
    this.modifierSheet = new ModifierSheet(page);
    this.chargeButton = page.getByTestId('charge');
    this.ticketLines = page.getByTestId('ticket-line');
    this.chargeError = page.getByTestId('charge-error');
    this.confirmation = page.locator('dialog.confirmation');
    this.orderNumber = page.getByTestId('order-number');
    this.changeDue = page.getByTestId('change-due');
    this.cashChange = page.getByTestId('change');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(
      this.page.getByRole('tablist', { name: 'Categories' }),
    ).toBeVisible();
  }

  async showCategory(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  itemTile(name: string): Locator {
    return this.page.locator('.item-tile', { hasText: name });
  }

  async tapItem(name: string): Promise<void> {
    await this.itemTile(name).click();
  }

  ticketLine(name: string): Locator {
    return this.ticketLines.filter({ hasText: name });
  }

  async increaseQuantity(itemName: string): Promise<void> {
    await this.page
      .getByRole('button', { name: `One more ${itemName}` })
      .click();
  }

  async setDiscountPercent(percent: string): Promise<void> {
    await this.page.getByRole('button', { name: /^Discount/ }).click();
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name: `${percent}%` })
      .click();
  }

  async chooseTender(name: 'Cash' | 'Card' | 'Other'): Promise<void> {
    await this.page.getByRole('radio', { name }).click();
  }

  async enterCashGiven(text: string): Promise<void> {
    await this.page.getByTestId('cash-given').fill(text);
  }

  total(key: 'subtotal' | 'discount' | 'total' | 'tip'): Locator {
    return this.page.getByTestId(key);
  }

  tax(rateId: string): Locator {
    return this.page.getByTestId(`tax-${rateId}`);
  }

  async charge(): Promise<void> {
    await this.chargeButton.click();
  }

  /** Starts the next order once the terminal has numbered this one. */
  async startNextOrder(): Promise<void> {
    await expect(this.orderNumber).toHaveText(/^Order \d+$/);
    await this.confirmation.getByRole('button', { name: 'Next order' }).click();
    await expect(this.confirmation).toBeHidden();
  }

  async openOrders(): Promise<void> {
    await this.page
      .getByRole('button', { name: 'Orders', exact: true })
      .click();
  }

  async openCounter(): Promise<void> {
    await this.page
      .getByRole('button', { name: 'Counter', exact: true })
      .click();
  }
}
