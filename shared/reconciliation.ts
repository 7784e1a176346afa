import { z } from 'zod';

import { businessDateSchema } from './sync.js';

/**
 * Reconciliation compares one terminal's orders of a business day with the
 * orders the server stored from that terminal: the count, the sum of order
 * totals in minor units, and a digest of the order ids. Both sides hash
 * the text from `digestText` with SHA-256 (hex), which keeps this module
 * free of node:crypto so that every process can import it.
 */
export function digestText(orderIds: readonly string[]): string {
  return [...orderIds].sort().join('\n');
}

export const reconcileInputSchema = z.object({
  businessDate: businessDateSchema,
  count: z.number().int().min(0),
  total: z.number().int(),
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'),
});

export type ReconcileInput = z.infer<typeof reconcileInputSchema>;

export const reconciledOrderSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  total: z.number().int(),
});

export const reconcileOutputSchema = z.object({
  businessDate: businessDateSchema,
  count: z.number().int(),
  total: z.number().int(),
  digest: z.string(),
  matches: z.boolean(),
  /** The server's orders of the day, sent only when `matches` is false. */
  orders: z.array(reconciledOrderSchema).optional(),
});

export type ReconcileOutput = z.infer<typeof reconcileOutputSchema>;

/** The outcome of one reconciled business day, as sync.status shows it. */
export interface DayReconciliation {
  businessDate: string;
  reconciled: boolean;
  terminal: { count: number; total: number };
  server: { count: number; total: number };
  /** Orders acked on this terminal that the server lacks; pushed again. */
  missingOnServer: { id: string; number: number }[];
  /** Orders the server has from this terminal that it lacks; reported only. */
  extraOnServer: { id: string; number: number; total: number }[];
}

export interface Reconciliation {
  checkedAt: string;
  /** "reconciled" when every checked day matched. */
  state: 'reconciled' | 'differs';
  days: DayReconciliation[];
}
