import { afterAll, describe, expect, it } from 'vitest';

import type { DailyReport } from '../../shared/report.js';
import type { OrderSummary, SyncStatus } from '../../shared/local-api.js';
import { loadFixtureMenu, loadFixtureOrders } from '../support/fixtures.js';
import { createTestDatabase } from '../support/postgres.js';
import {
  createOwner,
  eventually,
  loginOwner,
  makeTempDir,
  setupTruck,
  startServerProcess,
  startTerminalProcess,
  trpcCall,
  type ServerProcess,
  type TerminalProcess,
} from '../support/processes.js';

const orderCount = 100;
const validOrders = loadFixtureOrders('taco-truck').filter(
  (order) => !('rejected' in order.expect),
);

const backends = [
  { name: 'embedded PGlite', usePostgres: false },
  { name: 'local PostgreSQL', usePostgres: true },
];

describe.each(backends)('offline day on $name', ({ usePostgres }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(
    'syncs 100 offline orders exactly once',
    { timeout: 240_000 },
    async () => {
      const database = usePostgres
        ? await createTestDatabase('offline_day')
        : undefined;
      if (database) cleanups.push(() => database.drop());
      const store = database
        ? { databaseUrl: database.url }
        : { dataDir: makeTempDir('server') };

      const owner = {
        email: 'owner@example.test',
        password: 'correct horse 42',
      };
      await createOwner({ ...store, ...owner, org: 'Offline Tacos' });

      let server: ServerProcess = await startServerProcess(store);
      cleanups.push(() => server.stop());
      const ownerToken = await loginOwner(
        server.url,
        owner.email,
        owner.password,
      );
      const { truckId, pairingCode } = await setupTruck(
        server.url,
        ownerToken,
        loadFixtureMenu('taco-truck'),
      );

      const terminalDir = makeTempDir('terminal');
      let terminal: TerminalProcess = await startTerminalProcess({
        dataDir: terminalDir,
        serverUrl: server.url,
        pairingCode,
      });
      cleanups.push(() => terminal.stop());
      await eventually('the menu on the terminal', async () => {
        const menu = await trpcCall(
          terminal.url,
          terminal.token,
          'query',
          'menu.current',
        );
        return menu !== null;
      });

      await server.stop();

      const created: { id: string; total: number }[] = [];
      for (let index = 0; index < orderCount; index += 1) {
        const fixture = validOrders[index % validOrders.length]!;
        const order = await trpcCall<{ id: string; totals: { total: number } }>(
          terminal.url,
          terminal.token,
          'mutation',
          'orders.create',
          fixture.input,
        );
        expect(order.totals).toEqual(fixture.expect);
        created.push({ id: order.id, total: order.totals.total });
      }

      const offlineStatus = await trpcCall<SyncStatus>(
        terminal.url,
        terminal.token,
        'query',
        'sync.status',
      );
      expect(offlineStatus.pending).toBe(orderCount);

      await terminal.stop();
      terminal = await startTerminalProcess({
        dataDir: terminalDir,
        serverUrl: server.url,
      });
      const afterRestart = await trpcCall<SyncStatus>(
        terminal.url,
        terminal.token,
        'query',
        'sync.status',
      );
      expect(afterRestart.pending).toBe(orderCount);

      server = await startServerProcess({ ...store, port: server.port });
      await eventually(
        'the outbox to drain',
        async () => {
          const status = await trpcCall<SyncStatus>(
            terminal.url,
            terminal.token,
            'query',
            'sync.status',
          );
          return status.pending === 0;
        },
        60_000,
      );

      const terminalOrders = await trpcCall<OrderSummary[]>(
        terminal.url,
        terminal.token,
        'query',
        'orders.list',
        {},
      );
      const dates = [
        ...new Set(terminalOrders.map((order) => order.businessDate)),
      ];
      let serverOrderCount = 0;
      for (const date of dates) {
        const terminalReport = await trpcCall<DailyReport>(
          terminal.url,
          terminal.token,
          'query',
          'reports.daily',
          { date },
        );
        const serverReport = await trpcCall<DailyReport>(
          server.url,
          ownerToken,
          'query',
          'reports.daily',
          { truckId, date },
        );
        expect(serverReport).toEqual(terminalReport);
        serverOrderCount += serverReport.orders;
      }

      expect(serverOrderCount).toBe(orderCount);
      const expectedTotal = created.reduce(
        (sum, order) => sum + order.total,
        0,
      );
      const syncedTotal = terminalOrders.reduce(
        (sum, order) => sum + order.totals.total,
        0,
      );
      expect(syncedTotal).toBe(expectedTotal);
      expect(
        terminalOrders.every((order) => order.syncState === 'synced'),
      ).toBe(true);
    },
  );
});
