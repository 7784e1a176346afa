import type { Menu } from './menu.js';
import type { OrderTotals, TenderMethod } from './order.js';
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
}

export type OrderSyncState = 'pending' | 'synced' | 'rejected';

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
