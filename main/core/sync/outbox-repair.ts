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

const changeNames: Record<string, string> = {
  'order.voided': 'a void',
  'order.refunded': 'a refund',
  'availability.changed': 'a sold-out mark',
};

/**
 * The outbox operations that support and reconciliation need beside the
 * sync loop: listing what is not on the server, putting a rejected entry
 * back in the queue or dismissing it, and queueing an order again under a
 * new entry id.
 */
export class OutboxRepair {
  private readonly selectUnsynced: Database.Statement<[], UnsyncedRow>;
  private readonly selectEntry: Database.Statement<
    [string],
    { state: string; kind: string; entityId: string }
  >;
  private readonly markPending: Database.Statement<[string]>;
  private readonly markDismissed: Database.Statement<
    [{ id: string } & Dismissal]
  >;
  private readonly markChangesDismissed: Database.Statement<
    [{ orderId: string } & Dismissal]
  >;
  private readonly dismissOrder: (
    entryId: string,
    dismissal: Dismissal,
  ) => void;
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
    this.selectEntry = sqlite.prepare(
      `SELECT state, kind, entity_id AS entityId FROM outbox WHERE id = ?`,
    );
    this.markPending = sqlite.prepare(
      `UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'rejected'`,
    );
    this.markDismissed = sqlite.prepare(
      `UPDATE outbox SET state = 'dismissed', dismissed_by = @by,
         dismissed_at = @at, dismiss_reason = @reason
       WHERE id = @id AND state = 'rejected'`,
    );
    this.markChangesDismissed = sqlite.prepare(
      `UPDATE outbox SET state = 'dismissed', dismissed_by = @by,
         dismissed_at = @at, dismiss_reason = @reason
       WHERE entity_id = @orderId AND kind <> 'order.created'
         AND state IN ('pending', 'rejected')`,
    );
    this.dismissOrder = sqlite.transaction(
      (entryId: string, dismissal: Dismissal) => {
        const { entityId } = this.requireRejected(entryId, 'dismiss');
        this.markDismissed.run({ id: entryId, ...dismissal });
        this.markChangesDismissed.run({ orderId: entityId, ...dismissal });
      },
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
   * Marks a rejected order entry as dismissed by a manager, together with
   * the order's voids and refunds not yet on the server, in one
   * transaction. None is sent again or blocks unpairing. The rows, the
   * order and the reason stay on this terminal. The caller checks the
   * manager's approval first.
   */
  dismissRejected(entryId: string, dismissal: Dismissal): void {
    this.dismissOrder(entryId, dismissal);
  }

  /**
   * Throws NOT_FOUND or CONFLICT unless the entry exists and is rejected,
   * and for a dismissal also unless it is an order's own entry.
   */
  requireRejected(
    entryId: string,
    action: 'retry' | 'dismiss',
  ): { kind: string; entityId: string } {
    const row = this.selectEntry.get(entryId);
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
    if (action === 'dismiss' && row.kind !== 'order.created') {
      // A void or refund dismissed alone would stay in force here while
      // the server never has it, so the two reports would differ.
      throw new GalleyError(
        'CONFLICT',
        `Outbox entry ${entryId} is ${changeNames[row.kind] ?? `a ${row.kind} change`}, and only a rejected order can be dismissed. ` +
          'Retry it once the cause is fixed on the server; dismissing its order also dismisses it.',
        { field: 'entryId' },
      );
    }
    return row;
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
