import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { OrderTotals } from '../../shared/order.js';

/**
 * The shared fixtures sit beside the repository (../shared/fixtures), or
 * wherever GALLEY_FIXTURES_DIR points.
 */
export const fixturesDir =
  process.env.GALLEY_FIXTURES_DIR ??
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../shared/fixtures',
  );

export type FixtureExpectation = OrderTotals | { rejected: string };

export interface FixtureOrder {
  menuName: string;
  lineNumber: number;
  input: unknown;
  expect: FixtureExpectation;
}

export function requireFixtures(): void {
  if (!existsSync(path.join(fixturesDir, 'menus'))) {
    throw new Error(
      `Fixture menus not found in ${fixturesDir}. ` +
        'Set GALLEY_FIXTURES_DIR to the folder holding menus/ and orders/.',
    );
  }
}

export function fixtureMenuNames(): string[] {
  requireFixtures();
  return readdirSync(path.join(fixturesDir, 'menus'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

export function loadFixtureMenu(menuName: string): unknown {
  requireFixtures();
  return JSON.parse(
    readFileSync(path.join(fixturesDir, 'menus', `${menuName}.json`), 'utf8'),
  );
}

export function loadFixtureOrders(menuName: string): FixtureOrder[] {
  requireFixtures();
  const text = readFileSync(
    path.join(fixturesDir, 'orders', `${menuName}.jsonl`),
    'utf8',
  );
  return text
    .split('\n')
    .map((line, index) => ({ line, lineNumber: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, lineNumber }) => {
      const record = JSON.parse(line) as {
        input: unknown;
        expect: FixtureExpectation;
      };
      return { menuName, lineNumber, ...record };
    });
}
