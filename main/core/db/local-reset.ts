import type Database from 'better-sqlite3';

import { GalleyError } from '../../../shared/errors.js';

/**
 * Unpairing and resetting a terminal. Both are rejected while any outbox
 * entry is pending or rejected, because those orders exist nowhere else:
 * the check and the change run in one transaction, so an order taken in
 * between cannot slip through. Reset is also rejected while any entry is
 * dismissed; unpairing keeps the orders, so it is allowed then.
 */
export class LocalReset {
  readonly unpair: () => void;
  readonly reset: () => void;
  private readonly countUnsynced: Database.Statement<
    [],
    { pending: number; rejected: number; dismissed: number }
  >;

  constructor(sqlite: Database.Database) {
    this.countUnsynced = sqlite.prepare(
      `SELECT
         coalesce(sum(state = 'pending'), 0) AS pending,
         coalesce(sum(state = 'rejected'), 0) AS rejected,
         coalesce(sum(state = 'dismissed'), 0) AS dismissed
       FROM outbox`,
    );
    const forgetPairing = sqlite.prepare(
      `UPDATE settings SET server_url = NULL, device_id = NULL,
         device_name = NULL, device_token = NULL, organization_name = NULL,
         truck_id = NULL, truck_name = NULL, truck_timezone = NULL,
         slot = NULL, pull_cursor = '0', last_sync_success_at = NULL,
         last_sync_error = NULL, clock_skew_ms = NULL,
         reconciliation_json = NULL
       WHERE id = 1`,
    );
    // Staff, PIN lock-outs and sold-out marks belong to the truck the
    // terminal was paired with, so they go with the pairing.
    const forgetTruckData = [
      'DELETE FROM staff',
      'DELETE FROM pin_lockout',
      'DELETE FROM availability_marks',
    ].map((text) => sqlite.prepare(text));
    // Children before parents, because foreign keys are enforced.
    const wipe = [
      'DELETE FROM outbox',
      'DELETE FROM order_refunds',
      'DELETE FROM order_voids',
      'DELETE FROM payments',
      'DELETE FROM order_lines',
      'DELETE FROM orders',
      'DELETE FROM daily_counters',
      'DELETE FROM menus',
      'DELETE FROM sync_attempts',
    ].map((text) => sqlite.prepare(text));

    this.unpair = sqlite.transaction(() => {
      this.rejectWhileUnsynced('unpair');
      for (const statement of forgetTruckData) statement.run();
      forgetPairing.run();
    });
    this.reset = sqlite.transaction(() => {
      this.rejectWhileUnsynced('reset');
      this.rejectWhileDismissed();
      for (const statement of wipe) statement.run();
      for (const statement of forgetTruckData) statement.run();
      forgetPairing.run();
    });
  }

  /**
   * Dismissed entries stay for good: their orders never reached the server,
   * so this database is their only record and reset would erase it.
   */
  private rejectWhileDismissed(): void {
    const { dismissed } = this.countUnsynced.get()!;
    if (dismissed === 0) return;
    throw new GalleyError(
      'CONFLICT',
      `Cannot reset this terminal: ${dismissed} outbox entries were dismissed by a manager and ` +
        'their only record is this database. Keep a copy of the data folder, then start the app ' +
        'with a new data folder instead of resetting this one.',
    );
  }

  private rejectWhileUnsynced(action: 'unpair' | 'reset'): void {
    const { pending, rejected } = this.countUnsynced.get()!;
    if (pending === 0 && rejected === 0) return;
    throw new GalleyError(
      'CONFLICT',
      `Cannot ${action} this terminal: ${pending} outbox entries are waiting for the server and ` +
        `${rejected} were rejected by it, and they exist only here. Sync until nothing is pending, ` +
        'resolve or export the rejected ones (support screen, Export diagnostics), then try again.',
    );
  }
}
