import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { OrderRejectedError } from '../../../shared/errors.js';
import { outboxEntrySchema } from '../../../shared/sync.js';
import {
  fixtureMenuNames,
  loadFixtureOrders,
} from '../../../test/support/fixtures.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  tableCounts,
} from '../testing/test-core.js';

const opened: TerminalCore[] = [];

function openSeeded(
  options: Parameters<typeof seedPairedTerminal>[1] & {
    now?: () => Date;
    dataDir?: string;
  } = {},
) {
  const core = openTestCore({
    ...(options.now ? { now: options.now } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  seedPairedTerminal(core, options);
  opened.push(core);
  return core;
}

async function closeAll() {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
}

afterEach(closeAll);

const tacoOrder = {
  lines: [
    { sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] },
    { sku: 'DRINK-WATER', quantity: 1 },
  ],
  tender: { method: 'card' },
};

describe('orders.create with the fixture orders', () => {
  for (const menuName of fixtureMenuNames()) {
    it(`${menuName}: totals and rejections match`, async () => {
      const core = openSeeded({ menuName });
      const caller = localCaller(core);
      let expectedOrders = 0;

      for (const order of loadFixtureOrders(menuName)) {
        const label = `${menuName} line ${order.lineNumber}`;
        if ('rejected' in order.expect) {
          const before = tableCounts(core);
          const error = await caller.orders.create(order.input as never).then(
            () => null,
            (caught: unknown) => caught,
          );

          expect(error, label).toBeInstanceOf(TRPCError);
          const cause = (error as TRPCError).cause;
          expect(cause, label).toBeInstanceOf(OrderRejectedError);
          expect((cause as OrderRejectedError).reason, label).toBe(
            order.expect.rejected,
          );
          expect(tableCounts(core), label).toEqual(before);
          continue;
        }

        const created = await caller.orders.create(order.input as never);
        expectedOrders += 1;
        expect(created.totals, label).toEqual(order.expect);
      }

      const counts = tableCounts(core);
      expect(counts.orders).toBe(expectedOrders);
      expect(counts.payments).toBe(expectedOrders);
      expect(counts.outbox).toBe(expectedOrders);
    });
  }
});

describe('orders.create', () => {
  it('rejects orders before a menu arrives', async () => {
    const core = openTestCore();
    opened.push(core);

    await expect(
      localCaller(core).orders.create(tacoOrder),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'No menu yet. Pair the terminal and wait for the menu.',
    });
    expect(tableCounts(core).orders).toBe(0);
  });

  it('writes a valid outbox snapshot', async () => {
    const core = openSeeded({ slot: 3 });
    const created = await localCaller(core).orders.create(tacoOrder);

    const row = core.database.sqlite
      .prepare(
        'SELECT id, kind, created_at AS createdAt, payload_json AS payload, state FROM outbox',
      )
      .get() as {
      id: string;
      kind: string;
      createdAt: string;
      payload: string;
      state: string;
    };
    const entry = outboxEntrySchema.parse({
      ...row,
      payload: JSON.parse(row.payload),
    });
    if (entry.kind !== 'order.created') {
      throw new Error(`expected an order.created entry, got ${entry.kind}`);
    }

    expect(row.state).toBe('pending');
    expect(entry.id).not.toBe(created.id);
    expect(entry.payload.id).toBe(created.id);
    expect(entry.payload.number).toBe(3001);
    expect(entry.payload.lines.map((line) => line.name)).toEqual([
      'Carne asada taco',
      'Bottled water',
    ]);
    expect(entry.payload.payment.amount).toBe(created.totals.total);
  });

  it('keeps names and prices after a menu change', async () => {
    const core = openSeeded();
    const created = await localCaller(core).orders.create(tacoOrder);
    seedPairedTerminal(core, { menuName: 'kebab-van', menuVersion: 2 });

    const line = core.database.sqlite
      .prepare(
        'SELECT name, unit_price AS unitPrice FROM order_lines WHERE order_id = ? AND position = 0',
      )
      .get(created.id) as { name: string; unitPrice: number };
    const [summary] = await localCaller(core).orders.list();

    expect(line.name).toBe('Carne asada taco');
    expect(line.unitPrice).toBeGreaterThan(0);
    expect(summary?.totals).toEqual(created.totals);
    expect(core.currentMenu()?.version).toBe(2);
  });

  it('writes nothing when the outbox insert fails', async () => {
    const core = openSeeded();
    core.database.sqlite.exec(
      "CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );

    await expect(
      localCaller(core).orders.create(tacoOrder),
    ).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(tableCounts(core)).toEqual({
      orders: 0,
      order_lines: 0,
      payments: 0,
      outbox: 0,
      daily_counters: 0,
    });
  });

  it('reuses its prepared statements', async () => {
    const core = openSeeded();
    const caller = localCaller(core);
    await caller.orders.create(tacoOrder);
    const prepare = vi.spyOn(core.database.sqlite, 'prepare');

    await caller.orders.create(tacoOrder);
    await caller.orders.create(tacoOrder);
    core.orders.pendingCount();

    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
  });

  it('keeps unacked orders and entries from deletion', async () => {
    const core = openSeeded();
    const created = await localCaller(core).orders.create(tacoOrder);
    const { sqlite } = core.database;

    expect(() => sqlite.prepare('DELETE FROM outbox').run()).toThrow(
      /kept until the server acks them/,
    );
    expect(() =>
      sqlite.prepare('DELETE FROM orders WHERE id = ?').run(created.id),
    ).toThrow(/kept until the server acks them/);
  });
});

describe('order numbers', () => {
  it('restart each business day', async () => {
    let now = new Date('2026-03-10T15:00:00Z');
    const core = openSeeded({ slot: 2, now: () => now });
    const caller = localCaller(core);

    const first = await caller.orders.create(tacoOrder);
    const second = await caller.orders.create(tacoOrder);
    // 03:30 UTC on the 11th is still the 10th in New York (UTC−4).
    now = new Date('2026-03-11T03:30:00Z');
    const third = await caller.orders.create(tacoOrder);
    now = new Date('2026-03-11T15:00:00Z');
    const nextDay = await caller.orders.create(tacoOrder);

    expect([first.number, second.number, third.number]).toEqual([
      2001, 2002, 2003,
    ]);
    expect(nextDay.number).toBe(2001);
    expect((await caller.orders.list({ date: '2026-03-10' })).length).toBe(3);
    expect((await caller.orders.list({ date: '2026-03-11' })).length).toBe(1);
  });

  it('never collide between two slots', async () => {
    const now = () => new Date('2026-03-10T15:00:00Z');
    const first = openSeeded({ slot: 0, now });
    const second = openSeeded({ slot: 1, now });
    const numbers: number[] = [];

    for (let index = 0; index < 20; index += 1) {
      numbers.push((await localCaller(first).orders.create(tacoOrder)).number);
      numbers.push((await localCaller(second).orders.create(tacoOrder)).number);
    }

    expect(new Set(numbers).size).toBe(40);
    expect(numbers.slice(0, 4)).toEqual([1, 1001, 2, 1002]);
  });
});

describe('restart', () => {
  it('keeps pending entries', async () => {
    const core = openSeeded();
    const dataDir = core.dataDir;
    const created = await localCaller(core).orders.create(tacoOrder);
    await core.close();
    opened.splice(opened.indexOf(core), 1);

    const reopened = openTestCore({ dataDir });
    opened.push(reopened);
    const status = await localCaller(reopened).sync.status();
    const [summary] = await localCaller(reopened).orders.list({
      date: (await localCaller(reopened).orders.list())[0]?.businessDate,
    });

    expect(status.pending).toBe(1);
    expect(summary?.id).toBe(created.id);
    expect(summary?.syncState).toBe('pending');
    const [entry] = reopened.outbox.pendingBatch(10);
    expect(entry?.kind).toBe('order.created');
    expect((entry?.payload as { id: string }).id).toBe(created.id);
  });
});

describe('reports.daily', () => {
  it('sums the business date orders', async () => {
    const now = () => new Date('2026-03-10T15:00:00Z');
    const core = openSeeded({ now });
    const caller = localCaller(core);
    const a = await caller.orders.create(tacoOrder);
    const b = await caller.orders.create({
      ...tacoOrder,
      tender: { method: 'cash', cashGiven: 10_000 },
    });

    const report = await caller.reports.daily({ date: '2026-03-10' });

    expect(report.orders).toBe(2);
    expect(report.total).toBe(a.totals.total + b.totals.total);
    expect(report.byTender).toEqual({
      cash: b.totals.total,
      card: a.totals.total,
      other: 0,
    });
    expect(report.currency).toBe('USD');
  });
});
