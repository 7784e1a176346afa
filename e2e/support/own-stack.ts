import { test } from '@playwright/test';

import { Stack } from './stack.js';

/**
 * Starts a stack of its own for one spec file, for tests that change what
 * every other test relies on (the menu, staff records). Call it at the top
 * of the file; the returned function gives the running stack.
 */
export function useOwnStack(
  menuName: string,
  prepare?: (stack: Stack) => Promise<void>,
): () => Stack {
  let stack: Stack | null = null;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    stack = await Stack.start(menuName);
    await prepare?.(stack);
  });
  test.afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('The stack did not start; see beforeAll.');
    return stack;
  };
}
