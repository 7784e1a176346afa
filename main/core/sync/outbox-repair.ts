import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../../shared/errors.js';

/** An outbox entry the server has not acked, as the support screen lists it. */
export interface UnsyncedEntry {
  id: string;
  kind: string;
  entityId: string;
  createdAt: string;
  state: 'pending' | 'rejected' | 'dismissed';
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** Set once a manager dismissed the entry: who, when and why. */
  dismissal: Dismissal | null;
  /** The order's number when the entity is an order of this terminal. */
  orderNumber: number | null;
  payload: unknown;
}

export interface Dismissal {
  /** The staff id of the manager or owner who approved it. */
  by: string;
  at: string;
  reason: string;
}

interface UnsyncedRow extends Omit<UnsyncedEntry, 'payload' | 'dismissal'> {
  payloadJson: string;
  dismissedBy: string | null;
  dismissedAt: string | null;
  dismissReason: string;
}

/**
 * The outbox operations that support and reconciliation need beside the
 * sync loop: listing what is not on the server, putting a rejected entry
 * back in the queue or dismissing it, and queueing an order again under a
 * new entry id.
 */
export class OutboxRepair {
  private readonly selectUnsynced: Database.Statement<[], UnsyncedRow>;
  private readonly selectState: Database.Statement<[string], { state: string }>;
  private readonly markPending: Database.Statement<[string]>;
  private readonly markDismissed: Database.Statement<
    [{ id: string } & Dismissal]
  >;
  private readonly selectLatestOrderEntry: Database.Statement<
    [string],
    { id: string; state: string }
  >;
  private readonly renewEntry: Database.Statement<
    [{ oldId: string; newId: string }]
  >;
  readonly requeueOrders: (orderIds: string[]) => number;

  constructor(sqlite: Database.Database) {
    this.selectUnsynced = sqlite.prepare(
      `SELECT o.id, o.kind, o.entity_id AS entityId, o.created_at AS createdAt,
         o.state, o.attempts, o.last_error_code AS errorCode,
         o.last_error_message AS errorMessage, ord.number AS orderNumber,
         o.payload_json AS payloadJson, o.dismissed_by AS dismissedBy,
         o.dismissed_at AS dismissedAt,
         coalesce(o.dismiss_reason, '') AS dismissReason
       FROM outbox o LEFT JOIN orders ord ON ord.id = o.entity_id
       WHERE o.state <> 'acked' ORDER BY o.id`,
    );
    this.selectState = sqlite.prepare(`SELECT state FROM outbox WHERE id = ?`);
    this.markPending = sqlite.prepare(
      `UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'rejected'`,
    );
    this.markDismissed = sqlite.prepare(
      `UPDATE outbox SET state = 'dismissed', dismissed_by = @by,
         dismissed_at = @at, dismiss_reason = @reason
       WHERE id = @id AND state = 'rejected'`,
    );
    this.selectLatestOrderEntry = sqlite.prepare(
      `SELECT id, state FROM outbox
       WHERE entity_id = ? AND kind = 'order.created' ORDER BY id DESC LIMIT 1`,
    );
    this.renewEntry = sqlite.prepare(
      `UPDATE outbox SET id = @newId, state = 'pending', acked_at = NULL
       WHERE id = @oldId AND state = 'acked'`,
    );
    this.requeueOrders = sqlite.transaction(
      (orderIds: string[]) =>
        orderIds.filter((id) => this.requeueOrder(id)).length,
    );
  }

  /** Pending, rejected and dismissed entries, oldest first, with payloads. */
  unsynced(): UnsyncedEntry[] {
    return this.selectUnsynced
      .all()
      .map(
        ({ payloadJson, dismissedBy, dismissedAt, dismissReason, ...row }) => ({
          ...row,
          dismissal:
            dismissedBy !== null && dismissedAt !== null
              ? { by: dismissedBy, at: dismissedAt, reason: dismissReason }
              : null,
          payload: JSON.parse(payloadJson) as unknown,
        }),
      );
  }

  /**
   * Puts a rejected entry back in the queue, unchanged, for the next push.
   * The server applies the same checks again, so this helps when the cause
   * was on the server's side (a staff member or menu fixed there).
   */
  retryRejected(entryId: string): void {
    this.requireRejected(entryId, 'retry');
    this.markPending.run(entryId);
  }

  /**
   * Marks a rejected entry as dismissed by a manager: it is never sent
   * again and no longer blocks unpairing, but the row, its order and the
   * reason stay on this terminal and in the diagnostics archive. The
   * caller checks the manager's approval first.
   */
  dismissRejected(entryId: string, dismissal: Dismissal): void {
    this.requireRejected(entryId, 'dismiss');
    this.markDismissed.run({ id: entryId, ...dismissal });
  }

  /** Throws NOT_FOUND or CONFLICT unless the entry exists and is rejected. */
  requireRejected(entryId: string, action: 'retry' | 'dismiss'): void {
    const row = this.selectState.get(entryId);
    if (!row) {
      throw new GalleyError(
        'NOT_FOUND',
        `Outbox entry ${entryId} not found. List the rejected entries in support.status and use one of their ids.`,
        { field: 'entryId' },
      );
    }
    if (row.state !== 'rejected') {
      throw new GalleyError(
        'CONFLICT',
        `Outbox entry ${entryId} is ${row.state}, not rejected, so there is nothing to ${action}.`,
        { field: 'entryId' },
      );
    }
  }

  /**
   * Puts an acked order entry back in the queue under a new entry id,
   * because the server may still know the old entry id and reply
   * "duplicate" without having the order. The server dedupes on the order
   * id, so this never creates a second order. The row keeps its place as
   * the order's one order.created entry, so the order lists once.
   */
  private requeueOrder(orderId: string): boolean {
    const latest = this.selectLatestOrderEntry.get(orderId);
    if (!latest || latest.state !== 'acked') return false;
    this.renewEntry.run({ oldId: latest.id, newId: uuidv7() });
    return true;
  }
}
