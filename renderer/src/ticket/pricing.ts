import { OrderRejectedError } from '../../../shared/errors.js';
import type { MenuIndex } from '../../../shared/menu.js';
import { priceOrder } from '../../../shared/money/index.js';
import type { PricedOrder } from '../../../shared/order.js';
import { toOrderRequest, type TicketState } from './ticket-store.js';

export type TicketPricing =
  | { status: 'empty' }
  | { status: 'invalid'; message: string; field: string }
  | {
      status: 'priced';
      order: PricedOrder;
      /** Cash given minus the amount due; null when no amount was entered. */
      change: number | null;
    };

type PricedTicketFields = Pick<
  TicketState,
  'lines' | 'discount' | 'tip' | 'tenderMethod' | 'cashGiven'
>;

/**
 * Prices the ticket with the same priceOrder the terminal and the server
 * run, so the totals on screen are the totals the order is stored with.
 * The cash given is left out of pricing (a short amount is not an invalid
 * ticket while the cashier is still counting) and compared afterwards.
 */
export function priceTicket(
  index: MenuIndex,
  ticket: PricedTicketFields,
): TicketPricing {
  if (ticket.lines.length === 0) return { status: 'empty' };

  let order: PricedOrder;
  try {
    order = priceOrder(
      index,
      toOrderRequest(ticket, { includeCashGiven: false }),
    );
  } catch (error) {
    if (error instanceof OrderRejectedError) {
      return {
        status: 'invalid',
        message: error.message,
        field: error.field ?? '',
      };
    }
    throw error;
  }

  const change =
    ticket.tenderMethod === 'cash' && ticket.cashGiven !== null
      ? ticket.cashGiven - order.totals.total
      : null;
  return { status: 'priced', order, change };
}

/**
 * Prices the lines alone (no discount, tip or cash), for showing line
 * amounts while the adjustments are invalid. Returns null when a line
 * itself is invalid, for example an item the menu no longer has.
 */
export function priceLines(
  index: MenuIndex,
  lines: TicketState['lines'],
): PricedOrder['lines'] | null {
  try {
    return priceOrder(
      index,
      toOrderRequest({
        lines,
        discount: null,
        tip: null,
        tenderMethod: 'card',
        cashGiven: null,
      }),
    ).lines;
  } catch (error) {
    if (error instanceof OrderRejectedError) return null;
    throw error;
  }
}
