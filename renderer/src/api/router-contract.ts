import { initTRPC } from '@trpc/server';
import { z } from 'zod';

import type { DailyReport } from '../../../shared/report.js';
import type {
  CreatedOrder,
  CurrentMenu,
  OrderSummary,
  SetupStatus,
  SyncStatus,
} from '../../../shared/local-api.js';
import type {
  DiscountInput,
  TenderInput,
  TipInput,
} from '../../../shared/order.js';

/**
 * The procedures of the terminal's local API as the renderer calls them.
 * Only the type of this router is ever imported, so none of it reaches the
 * bundle.
 *
 * TODO: replace with the type of LocalRouter from main/core/api/router.ts
 * once that file exists.
 */
const t = initTRPC.create();

export interface OrderRequest {
  lines: { sku: string; quantity: number; modifiers?: string[] }[];
  discount?: DiscountInput;
  tip?: TipInput;
  tender: TenderInput;
}

function typed<T>() {
  return z.custom<T>();
}

function output<T>(): T {
  throw new Error('Type-only router: never called.');
}

export const localRouterContract = t.router({
  setup: t.router({
    status: t.procedure.query(() => output<SetupStatus>()),
    pair: t.procedure
      .input(
        typed<{
          pairingCode: string;
          deviceName?: string;
          serverUrl?: string;
        }>(),
      )
      .mutation(() => output<SetupStatus>()),
  }),
  menu: t.router({
    current: t.procedure.query(() => output<CurrentMenu | null>()),
  }),
  orders: t.router({
    create: t.procedure
      .input(typed<OrderRequest>())
      .mutation(() => output<CreatedOrder>()),
    list: t.procedure
      .input(typed<{ date?: string } | undefined>())
      .query(() => output<OrderSummary[]>()),
  }),
  reports: t.router({
    daily: t.procedure
      .input(typed<{ date: string }>())
      .query(() => output<DailyReport>()),
  }),
  sync: t.router({
    status: t.procedure.query(() => output<SyncStatus>()),
    now: t.procedure.mutation(() => output<SyncStatus>()),
  }),
});

export type LocalApiRouter = typeof localRouterContract;
