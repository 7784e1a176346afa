import { test as base } from '@playwright/test';

import { CounterPage } from '../pages/counter-page.js';
import { Stack } from './stack.js';

/**
 * `stack` starts once per worker because the server and terminal take
 * seconds to start. `counter` opens the counter page with the terminal's
 * token.
 */
export const test = base.extend<{ counter: CounterPage }, { stack: Stack }>({
  stack: [
    // Playwright requires the first fixture argument to be destructured.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await Stack.start('taco-truck');
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  counter: async ({ page, stack }, use) => {
    const counter = new CounterPage(page);
    await counter.open(stack.counterUrl);
    await use(counter);
  },
});

export { expect } from '@playwright/test';
