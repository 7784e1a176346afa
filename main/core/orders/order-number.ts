/** Orders one terminal can number per business day before numbers repeat. */
export const ordersPerSlotCycle = 999;

/**
 * Computes the number called out at the window. Each terminal of a truck has its own
 * slot (0..99, assigned at pairing), and its numbers are slot × 1000 plus
 * 1..999, so two terminals never hand out the same number, online or
 * offline. The daily sequence restarts at 1 each business day.
 *
 * After 999 orders on one terminal in one day the number wraps back to
 * slot × 1000 + 1. The order id and the terminal sequence stay unique, so
 * only the called-out number repeats, and a repeat 999 orders apart is not
 * confused at a counter.
 */
export function orderNumberFor(slot: number, dailySequence: number): number {
  if (!Number.isInteger(slot) || slot < 0 || slot > 99) {
    throw new RangeError(`slot must be a whole number 0..99, got ${slot}`);
  }
  if (!Number.isInteger(dailySequence) || dailySequence < 1) {
    throw new RangeError(
      `daily sequence must be a whole number from 1, got ${dailySequence}`,
    );
  }
  return slot * 1000 + ((dailySequence - 1) % ordersPerSlotCycle) + 1;
}
