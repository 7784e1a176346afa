import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { SyncStatus } from '../../shared/local-api.js';
import {
  serverOrderIds,
  startFaultStack,
  startStackTerminal,
  syncStatusOf,
  takeOrders,
  terminalOrderIds,
  waitForDrain,
  type FaultStack,
} from '../support/fault-stack.js';
import {
  eventually,
  trpcCall,
  type TerminalProcess,
} from '../support/processes.js';

/**
 * Reconciliation after sync: the terminal compares its business day with
 * the server's, pushes again what the server lost, and reports what only
 * the server has without deleting it on either side.
 */
let stack: FaultStack;
let terminal: TerminalProcess;

beforeAll(async () => {
  stack = await startFaultStack({ prefix: 'reconcile' });
  terminal = await startStackTerminal(stack);
}, 120_000);

afterAll(async () => {
  await terminal?.stop(3_000);
  await stack?.close();
});

async function onServer(
  sql: string,
  values: unknown[],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

it(
  'reconciles, pushes lost orders again and reports extra ones',
  { timeout: 120_000 },
  async () => {
    const ids = await takeOrders(terminal, 5);
    await waitForDrain(terminal);
    let status: SyncStatus | null = null;
    await eventually('a reconciled day', async () => {
      status = await syncStatusOf(terminal);
      return status.reconciliation?.state === 'reconciled';
    });
    const day = status!.reconciliation!.days[0]!;
    expect(day.terminal.count).toBe(5);
    expect(day.server).toEqual(day.terminal);

    // The server loses one order, as after a restore from an older backup,
    // and gains one the terminal never took.
    const lostId = ids[1]!;
    await onServer('DELETE FROM order_lines WHERE order_id = $1', [lostId]);
    await onServer('DELETE FROM orders WHERE id = $1', [lostId]);
    const extra = await onServer(
      `INSERT INTO orders (id, truck_id, device_id, number, business_date, created_at,
       currency, subtotal, discount, tax, tax_by_rate, tip, rounding, total, change,
       tender_method, snapshot)
     SELECT gen_random_uuid(), truck_id, device_id, 9999, business_date, created_at,
       currency, subtotal, discount, tax, tax_by_rate, tip, rounding, total, change,
       tender_method, snapshot
     FROM orders WHERE id = $1 RETURNING id, total`,
      [ids[0]],
    );
    const extraId = (extra.rows[0] as { id: string }).id;

    await trpcCall(terminal.url, terminal.token, 'mutation', 'sync.now');
    await eventually('the lost order back on the server', async () => {
      return (await serverOrderIds(stack.databaseUrl, stack.truckId)).includes(
        lostId,
      );
    });

    await eventually('the extra order reported', async () => {
      status = await syncStatusOf(terminal);
      const days = status.reconciliation?.days ?? [];
      return days.some(
        (d) => d.extraOnServer.length === 1 && d.missingOnServer.length === 0,
      );
    });
    const after = status!.reconciliation!;
    expect(after.state).toBe('differs');
    const differing = after.days.find((d) => !d.reconciled)!;
    expect(differing.extraOnServer.map((order) => order.id)).toEqual([extraId]);
    expect(differing.extraOnServer[0]!.number).toBe(9999);
    expect(differing.terminal.count).toBe(5);
    expect(differing.server.count).toBe(6);

    // Nothing was deleted: the server keeps its extra order, the terminal its five.
    const serverIds = await serverOrderIds(stack.databaseUrl, stack.truckId);
    expect(new Set(serverIds)).toEqual(new Set([...ids, extraId]));
    await terminal.stop(3_000);
    expect(new Set(terminalOrderIds(stack.terminalDir))).toEqual(new Set(ids));
    terminal = await startStackTerminal(stack);
  },
);
