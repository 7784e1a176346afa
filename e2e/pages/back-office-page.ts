import { expect, type Locator, type Page } from '@playwright/test';

/** The owners' back office, reached from the app bar. */
export class BackOfficePage {
  readonly menuError: Locator;
  readonly menuNotice: Locator;

  constructor(readonly page: Page) {
    this.menuError = page.getByTestId('menu-error');
    this.menuNotice = page.getByTestId('menu-notice');
  }

  /**
   * Opens the back office, signing in when the terminal has no owner
   * session yet (the session belongs to the terminal, not to the page).
   */
  async signIn(email: string, password: string): Promise<void> {
    await this.page
      .getByRole('button', { name: 'Back office', exact: true })
      .click();
    const sections = this.page.getByRole('navigation', {
      name: 'Back office',
    });
    const emailField = this.page.getByLabel('Email');
    await expect(sections.or(emailField)).toBeVisible();
    if (await sections.isVisible()) return;
    await emailField.fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      this.page.getByRole('navigation', { name: 'Back office' }),
    ).toBeVisible();
  }

  async openSection(
    name: 'Menus' | 'Staff' | 'Trucks' | 'Reports' | 'Settings',
  ): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('button', { name, exact: true })
      .click();
  }

  /** Adds a modifier group and returns its editor card. */
  async addModifierGroup(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add modifier group' }).click();
    return this.page.getByTestId('modifier-group-editor').last();
  }

  category(id: string): Locator {
    return this.page.getByTestId(`category-editor-${id}`);
  }

  /** Adds an item to a category and returns its editor row. */
  async addItem(categoryId: string): Promise<Locator> {
    const category = this.category(categoryId);
    await category.getByRole('button', { name: /^Add item to/ }).click();
    return category.getByTestId('item-editor').last();
  }

  async saveDraft(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save draft' }).click();
  }

  async publish(): Promise<void> {
    await this.page
      .getByRole('button', { name: 'Publish', exact: true })
      .click();
  }

  fieldError(container: Locator, label: string): Locator {
    return container
      .locator('label.field', { hasText: label })
      .getByTestId('field-error');
  }
}
