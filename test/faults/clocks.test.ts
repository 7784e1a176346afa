import { existsSync } from 'node:fs';

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';

import { businessDateOf } from '../../shared/business-day.js';
import type { CurrentMenu } from '../../shared/local-api.js';
import { loadFixtureMenu } from '../support/fixtures.js';
import {
  startFaultStack,
  startStackTerminal,
  syncStatusOf,
  takeOrders,
  waitForDrain,
  type FaultStack,
} from '../support/fault-stack.js';
import {
  eventually,
  trpcCall,
  type TerminalProcess,
} from '../support/processes.js';

/**
 * The terminal process runs under libfaketime (installed by .ci/run), so
 * its whole clock is hours off while the server's is right. Sync must not
 * care, the skew must show in sync.status, and orders must land on the
 * truck's business day by the server's time.
 */
const libfaketime = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
].find((file) => existsSync(file));

const hourMs = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverOrders(stack: FaultStack) {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{
      business_date: string;
      created_at: Date;
    }>(
      `SELECT business_date::text, created_at FROM orders WHERE truck_id = $1`,
      [stack.truckId],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

describe.each([
  { offset: '+5h', skewHours: -5 },
  { offset: '-7h', skewHours: 7 },
])('terminal clock $offset', ({ offset, skewHours }) => {
  it('syncs on the server clock', { timeout: 120_000 }, async () => {
    expect(
      libfaketime,
      'libfaketime is missing: apt-get install faketime',
    ).toBeDefined();
    const stack = await startFaultStack({
      prefix: 'clocks',
      timezone: 'Pacific/Auckland',
    });
    cleanups.push(() => stack.close());
    const terminal: TerminalProcess = await startStackTerminal(stack, {
      LD_PRELOAD: libfaketime!,
      FAKETIME: offset,
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      GALLEY_MENU_PULL_INTERVAL_MS: '500',
    });
    cleanups.push(() => terminal.stop(3_000));

    await takeOrders(terminal, 3);
    const status = await waitForDrain(terminal);

    expect(status.clockSkewMs).toBeGreaterThan(skewHours * hourMs - 60_000);
    expect(status.clockSkewMs).toBeLessThan(skewHours * hourMs + 60_000);
    expect(status.clockWarning).toBe(true);

    const now = Date.now();
    const rows = await serverOrders(stack);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.business_date).toBe(
        businessDateOf(new Date(now), 'Pacific/Auckland'),
      );
      expect(Math.abs(row.created_at.getTime() - now)).toBeLessThan(120_000);
    }

    // The pull cursor is the server's sequence, so a new menu arrives
    // whatever the terminal's clock shows.
    const menu = loadFixtureMenu('taco-truck') as Record<string, unknown>;
    const { version } = await trpcCall<{ version: number }>(
      stack.server.url,
      stack.ownerToken,
      'mutation',
      'menu.import',
      { truckId: stack.truckId, menu: { ...menu, name: 'Dinner' } },
    );
    await eventually('the new menu on the terminal', async () => {
      const current = await trpcCall<CurrentMenu>(
        terminal.url,
        terminal.token,
        'query',
        'menu.current',
      );
      return current.version === version;
    });
    expect((await syncStatusOf(terminal)).pending).toBe(0);
  });
});
