import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

import {
  isSoldOutNow,
  type AvailabilityChange,
  type AvailabilityState,
  type AvailabilityTarget,
} from '../../../shared/availability.js';
import type { SoldOutMark } from '../../../shared/local-api.js';

export const availabilityChangedKind = 'availability.changed';

interface MarkRow {
  target: AvailabilityTarget;
  sku: string;
  soldOut: number;
  untilJson: string | null;
  changedAt: string;
  staffId: string | null;
}

export interface TruckDay {
  timezone: string;
  businessDayCutoff: string;
}

/**
 * Sold-out marks on this terminal: the latest mark per (target, sku), from
 * the counter or from sync.pull, whichever has the later changedAt.
 */
export class AvailabilityStore {
  private readonly selectAll: Database.Statement<[], MarkRow>;
  private readonly selectOne: Database.Statement<[string, string], MarkRow>;
  private readonly upsert: Database.Statement<[Record<string, unknown>]>;
  private readonly insertOutbox: Database.Statement<[Record<string, unknown>]>;
  private readonly writeChange: (change: AvailabilityChange) => void;
  readonly mergePulled: (states: AvailabilityState[]) => number;

  constructor(sqlite: Database.Database) {
    const columns = `target, sku, sold_out AS soldOut, until_json AS untilJson,
      changed_at AS changedAt, staff_id AS staffId`;
    this.selectAll = sqlite.prepare(
      `SELECT ${columns} FROM availability_marks ORDER BY target, sku`,
    );
    this.selectOne = sqlite.prepare(
      `SELECT ${columns} FROM availability_marks WHERE target = ? AND sku = ?`,
    );
    this.upsert = sqlite.prepare(
      `INSERT INTO availability_marks (target, sku, sold_out, until_json, changed_at, staff_id)
       VALUES (@target, @sku, @soldOut, @untilJson, @changedAt, @staffId)
       ON CONFLICT (target, sku) DO UPDATE SET sold_out = excluded.sold_out,
         until_json = excluded.until_json, changed_at = excluded.changed_at,
         staff_id = excluded.staff_id`,
    );
    this.insertOutbox = sqlite.prepare(
      `INSERT INTO outbox (id, kind, entity_id, payload_json, created_at)
       VALUES (@id, @kind, @entityId, @payloadJson, @createdAt)`,
    );
    this.writeChange = sqlite.transaction((change: AvailabilityChange) => {
      this.upsertMark(change);
      this.insertOutbox.run({
        id: uuidv7(),
        kind: availabilityChangedKind,
        entityId: `${change.target}:${change.sku}`,
        payloadJson: JSON.stringify(change),
        createdAt: change.changedAt,
      });
    });
    this.mergePulled = sqlite.transaction((states: AvailabilityState[]) =>
      this.mergeStates(states),
    );
  }

  /** Stores a mark set at the counter and queues it for the server. */
  record(change: AvailabilityChange): void {
    this.writeChange(change);
  }

  /** Marks that make a SKU sold out at `now`. */
  activeMarks(now: Date, truck: TruckDay): SoldOutMark[] {
    return this.selectAll
      .all()
      .map(toMark)
      .filter((mark) => isSoldOutNow(mark, now, truck));
  }

  private upsertMark(mark: {
    target: AvailabilityTarget;
    sku: string;
    soldOut: boolean;
    until?: string | null;
    changedAt: string;
    staffId: string | null;
  }): void {
    this.upsert.run({
      target: mark.target,
      sku: mark.sku,
      soldOut: mark.soldOut ? 1 : 0,
      untilJson: mark.until === undefined ? null : JSON.stringify(mark.until),
      changedAt: mark.changedAt,
      staffId: mark.staffId,
    });
  }

  /** Last writer by changedAt wins; an equal time keeps the local mark. */
  private mergeStates(states: AvailabilityState[]): number {
    let applied = 0;
    for (const state of states) {
      const local = this.selectOne.get(state.target, state.sku);
      if (local && Date.parse(local.changedAt) >= Date.parse(state.changedAt)) {
        continue;
      }
      this.upsertMark(state);
      applied += 1;
    }
    return applied;
  }
}

function toMark(row: MarkRow): SoldOutMark {
  const mark: SoldOutMark = {
    sku: row.sku,
    target: row.target,
    soldOut: row.soldOut === 1,
    changedAt: row.changedAt,
    staffId: row.staffId,
  };
  if (row.untilJson !== null) {
    mark.until = JSON.parse(row.untilJson) as string | null;
  }
  return mark;
}
