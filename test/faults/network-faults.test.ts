import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  serverOrderIds,
  startFaultStack,
  startStackTerminal,
  syncStatusOf,
  takeOrders,
  waitForDrain,
  type FaultStack,
} from '../support/fault-stack.js';
import { eventually, type TerminalProcess } from '../support/processes.js';

/**
 * Network faults between a real terminal process and the real server on
 * PostgreSQL, played by the loopback proxy. Under each fault the counter
 * keeps taking orders, sync.status reports the outage, and once the fault
 * ends the outbox drains with every order on the server exactly once.
 */
let stack: FaultStack;
let terminal: TerminalProcess;
const taken: string[] = [];

beforeAll(async () => {
  stack = await startFaultStack({ prefix: 'net_faults' });
  terminal = await startStackTerminal(stack);
}, 120_000);

afterAll(async () => {
  await terminal?.stop(3_000);
  await stack?.close();
});

const outages: { name: string; start: (stack: FaultStack) => void }[] = [
  { name: 'dropped connections', start: (s) => s.proxy.drop() },
  { name: 'reset connections', start: (s) => s.proxy.cut() },
  { name: 'black-holed connections', start: (s) => s.proxy.pause() },
  {
    name: 'replies cut after the request was sent',
    start: (s) => s.proxy.cutReplies(),
  },
];

async function expectServerHasExactly(ids: string[]): Promise<void> {
  const onServer = await serverOrderIds(stack.databaseUrl, stack.truckId);
  expect(onServer).toHaveLength(ids.length);
  expect(new Set(onServer)).toEqual(new Set(ids));
}

describe('network faults', () => {
  it.each(outages)(
    'drains after $name',
    { timeout: 90_000 },
    async ({ start }) => {
      start(stack);
      taken.push(...(await takeOrders(terminal, 5)));

      await eventually('sync.status to show the outage', async () => {
        const status = await syncStatusOf(terminal);
        return !status.online && status.lastError !== null;
      });
      const during = await syncStatusOf(terminal);
      expect(during.pending).toBeGreaterThan(0);
      expect(during.lastError).toMatch(/Cannot reach the server/);

      stack.proxy.restore();
      const after = await waitForDrain(terminal);
      expect(after.lastError).toBeNull();
      expect(after.rejected).toBe(0);
      await expectServerHasExactly(taken);
    },
  );

  it('counts the replies the proxy cut', () => {
    // The cut-reply case above only proves idempotency if a push reached
    // the server and its reply was lost.
    expect(stack.proxy.repliesCut()).toBeGreaterThan(0);
  });

  it('syncs through a slow link', { timeout: 60_000 }, async () => {
    stack.proxy.delay(300);
    taken.push(...(await takeOrders(terminal, 5)));
    await waitForDrain(terminal);
    stack.proxy.restore();

    await expectServerHasExactly(taken);
  });
});
