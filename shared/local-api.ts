import type { Menu } from './menu.js';
import type { OrderTotals, TenderMethod } from './order.js';
import type { Reconciliation } from './reconciliation.js';
import type { TruckInfo } from './sync.js';

/**
 * Shapes the terminal's local API returns. The router in main/core/api
 * produces them and the renderer reads them through the router's type.
 */
export interface SyncStatus {
  online: boolean;
  pending: number;
  rejected: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  /**
   * Server clock minus this terminal's clock in ms, from the last push or
   * pull (null before the first). Orders are stamped with the server's time.
   */
  clockSkewMs?: number | null;
  /** True when the clock skew is above the limit the terminal warns at. */
  clockWarning?: boolean;
  /** The last reconciliation with the server, null before the first. */
  reconciliation?: Reconciliation | null;
}

/** The state of an order's order.created entry. Dismissed is final. */
export type OrderSyncState = 'pending' | 'synced' | 'rejected' | 'dismissed';

export interface OrderSummary {
  id: string;
  number: number;
  createdAt: string;
  businessDate: string;
  currency: string;
  tenderMethod: TenderMethod;
  itemCount: number;
  totals: OrderTotals;
  syncState: OrderSyncState;
  syncError: string | null;
  /** The staff member signed in when it was taken; null before staff existed. */
  takenBy?: { staffId: string; name: string } | null;
  voided: boolean;
  voidedAt: string | null;
  /** Sum of the order's refunds in minor units (0 when none). */
  refundedTotal: number;
}

export interface SetupStatus {
  paired: boolean;
  serverUrl: string | null;
  deviceName: string | null;
  truck: TruckInfo | null;
  slot: number | null;
  menuVersion: number | null;
}

export interface CurrentMenu {
  version: number;
  menu: Menu;
}

export interface CreatedOrder {
  id: string;
  number: number;
  totals: OrderTotals;
}

/** A staff member as the counter shows them: no PIN material. */
export interface SessionStaff {
  id: string;
  name: string;
  role: 'staff' | 'manager' | 'owner';
}

/**
 * The counter's sign-in state. `locked` is true after session.lock until a
 * PIN is entered again. `lockedOutUntil` is set while wrong PINs have
 * locked sign-in out.
 */
export interface SessionState {
  staff: SessionStaff | null;
  locked: boolean;
  /**
   * True when the terminal has staff records and nobody is signed in, so
   * the counter shows the PIN pad. False on a truck without staff.
   */
  signInRequired: boolean;
  idleLockSeconds: number;
  discountLimitPercent: string;
  lockedOutUntil: string | null;
}

/** A sold-out mark in force on this terminal. */
export interface SoldOutMark {
  sku: string;
  target: 'item' | 'option';
  /** Always true in availability.list, which returns marks in force only. */
  soldOut: boolean;
  /** As set: a date, null for "until set back", or omitted for "today". */
  until?: string | null;
  changedAt: string;
  /** Staff member who set it at a counter, or null when an owner set it on the server. */
  staffId?: string | null;
}

export interface BackOfficeStatus {
  signedIn: boolean;
  email: string | null;
}

export interface OrderVoided {
  orderId: string;
  voidedAt: string;
  approvedBy: string;
}

export interface OrderRefunded {
  orderId: string;
  refundId: string;
  amount: number;
  refundedTotal: number;
  approvedBy: string;
}
