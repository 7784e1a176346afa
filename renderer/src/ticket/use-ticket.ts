import { useStore } from 'zustand';

import { createTicketStore, type TicketState } from './ticket-store.js';

/** The one ticket of this counter window. */
export const ticketStore = createTicketStore();

export function useTicket<T>(selector: (state: TicketState) => T): T {
  return useStore(ticketStore, selector);
}
