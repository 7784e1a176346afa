import { createStore, type StoreApi } from 'zustand/vanilla';

import type {
  DiscountInput,
  TenderInput,
  TenderMethod,
  TipInput,
} from '../../../shared/order.js';

/** Largest quantity of one line, as the pricing rules allow. */
export const maxLineQuantity = 999;

/** The orders.create input as the counter sends it. */
export interface OrderRequest {
  lines: { sku: string; quantity: number; modifiers?: string[] }[];
  discount?: DiscountInput;
  tip?: TipInput;
  tender: TenderInput;
}

export interface TicketLine {
  id: string;
  sku: string;
  quantity: number;
  /** Modifier option SKUs in the order the cashier picked them. */
  modifiers: string[];
}

export interface TicketState {
  lines: TicketLine[];
  discount: DiscountInput | null;
  tip: TipInput | null;
  tenderMethod: TenderMethod;
  /** Cash handed over, in minor units; null means the exact amount. */
  cashGiven: number | null;

  addItem(sku: string, modifiers?: string[]): void;
  changeQuantity(lineId: string, delta: number): void;
  removeLine(lineId: string): void;
  setDiscount(discount: DiscountInput | null): void;
  setTip(tip: TipInput | null): void;
  setTenderMethod(method: TenderMethod): void;
  setCashGiven(amount: number | null): void;
  clear(): void;
}

export type TicketStore = StoreApi<TicketState>;

const emptyTicket = {
  lines: [],
  discount: null,
  tip: null,
  tenderMethod: 'cash',
  cashGiven: null,
} satisfies Partial<TicketState>;

/**
 * Creates the store of the ticket being rung up. Adding an item that is
 * already on the ticket with the same modifiers (in any order) raises that
 * line's quantity instead of adding a second line.
 */
export function createTicketStore(): TicketStore {
  let nextLineNumber = 1;

  return createStore<TicketState>()((set) => ({
    ...emptyTicket,

    addItem: (sku, modifiers = []) =>
      set((state) => {
        const key = lineKey(sku, modifiers);
        const existing = state.lines.find(
          (line) => lineKey(line.sku, line.modifiers) === key,
        );
        if (existing) {
          return {
            lines: state.lines.map((line) =>
              line === existing
                ? { ...line, quantity: clampQuantity(line.quantity + 1) }
                : line,
            ),
          };
        }
        const line: TicketLine = {
          id: `line-${nextLineNumber++}`,
          sku,
          quantity: 1,
          modifiers: [...modifiers],
        };
        return { lines: [...state.lines, line] };
      }),

    changeQuantity: (lineId, delta) =>
      set((state) => ({
        lines: state.lines.map((line) =>
          line.id === lineId
            ? { ...line, quantity: clampQuantity(line.quantity + delta) }
            : line,
        ),
      })),

    removeLine: (lineId) =>
      set((state) => ({
        lines: state.lines.filter((line) => line.id !== lineId),
      })),

    setDiscount: (discount) => set({ discount }),
    setTip: (tip) => set({ tip }),
    setTenderMethod: (tenderMethod) => set({ tenderMethod, cashGiven: null }),
    setCashGiven: (cashGiven) => set({ cashGiven }),
    clear: () => set({ ...emptyTicket }),
  }));
}

function lineKey(sku: string, modifiers: string[]): string {
  return JSON.stringify([sku, [...modifiers].sort()]);
}

function clampQuantity(quantity: number): number {
  return Math.min(maxLineQuantity, Math.max(1, quantity));
}

/**
 * Builds the orders.create input from the ticket. Leaving `cashGiven` out
 * makes the terminal price the order at the exact amount, which is also how
 * the live totals are computed before cash is counted.
 */
export function toOrderRequest(
  ticket: Pick<
    TicketState,
    'lines' | 'discount' | 'tip' | 'tenderMethod' | 'cashGiven'
  >,
  options: { includeCashGiven: boolean } = { includeCashGiven: true },
): OrderRequest {
  const request: OrderRequest = {
    lines: ticket.lines.map((line) =>
      line.modifiers.length > 0
        ? { sku: line.sku, quantity: line.quantity, modifiers: line.modifiers }
        : { sku: line.sku, quantity: line.quantity },
    ),
    tender:
      ticket.tenderMethod === 'cash'
        ? options.includeCashGiven && ticket.cashGiven !== null
          ? { method: 'cash', cashGiven: ticket.cashGiven }
          : { method: 'cash' }
        : { method: ticket.tenderMethod },
  };
  if (ticket.discount) request.discount = ticket.discount;
  if (ticket.tip) request.tip = ticket.tip;
  return request;
}
