import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import {
  digestText,
  type DayReconciliation,
  type Reconciliation,
} from '../../../shared/reconciliation.js';
import type { OutboxRepair } from './outbox-repair.js';
import type { ServerClient } from './server-client.js';

/** Most business days one reconciliation checks. */
const maxDaysPerRun = 7;

/**
 * Compares this terminal's synced orders of some business days with the
 * server's. An order counts on the terminal side once its order.created
 * entry is acked, because pending and rejected orders are not expected on
 * the server. Orders the server lacks are queued again; orders only the
 * server has are reported and never deleted on either side.
 */
export class Reconciler {
  private readonly selectSynced: Database.Statement<
    [string],
    { id: string; number: number; total: number }
  >;
  private readonly selectDatesAckedSince: Database.Statement<
    [string],
    { businessDate: string }
  >;

  constructor(
    sqlite: Database.Database,
    private readonly repair: OutboxRepair,
  ) {
    this.selectSynced = sqlite.prepare(
      `SELECT o.id, o.number, o.total FROM orders o
       WHERE o.business_date = ? AND EXISTS (
         SELECT 1 FROM outbox e WHERE e.entity_id = o.id
           AND e.kind = 'order.created' AND e.state = 'acked')
       ORDER BY o.id`,
    );
    this.selectDatesAckedSince = sqlite.prepare(
      `SELECT DISTINCT o.business_date AS businessDate FROM outbox e
       JOIN orders o ON o.id = e.entity_id
       WHERE e.kind = 'order.created' AND e.state = 'acked' AND e.acked_at >= ?
       ORDER BY o.business_date DESC`,
    );
  }

  /** Business days to check: today and those with orders acked since `since`. */
  datesToCheck(today: string, since: string): string[] {
    const dates = new Set([today]);
    for (const row of this.selectDatesAckedSince.all(since)) {
      dates.add(row.businessDate);
    }
    return [...dates].slice(0, maxDaysPerRun);
  }

  async run(
    client: ServerClient,
    dates: string[],
    now: () => Date,
  ): Promise<{ reconciliation: Reconciliation; requeued: number }> {
    const days: DayReconciliation[] = [];
    let requeued = 0;
    for (const businessDate of dates) {
      const day = await this.reconcileDay(client, businessDate);
      requeued += this.repair.requeueOrders(
        day.missingOnServer.map((order) => order.id),
      );
      days.push(day);
    }
    return {
      reconciliation: {
        checkedAt: now().toISOString(),
        state: days.every((day) => day.reconciled) ? 'reconciled' : 'differs',
        days,
      },
      requeued,
    };
  }

  private async reconcileDay(
    client: ServerClient,
    businessDate: string,
  ): Promise<DayReconciliation> {
    const local = this.selectSynced.all(businessDate);
    const total = local.reduce((sum, order) => sum + order.total, 0);
    const digest = createHash('sha256')
      .update(digestText(local.map((order) => order.id)))
      .digest('hex');

    const server = await client.reconcile({
      businessDate,
      count: local.length,
      total,
      digest,
    });
    const serverOrders = server.orders ?? [];
    const serverIds = new Set(serverOrders.map((order) => order.id));
    const localIds = new Set(local.map((order) => order.id));

    return {
      businessDate,
      reconciled: server.matches,
      terminal: { count: local.length, total },
      server: { count: server.count, total: server.total },
      missingOnServer: server.matches
        ? []
        : local
            .filter((order) => !serverIds.has(order.id))
            .map(({ id, number }) => ({ id, number })),
      extraOnServer: serverOrders.filter((order) => !localIds.has(order.id)),
    };
  }
}
