/**
 * Counts repeats of the same log event so that a failure happening every
 * second (a day offline, a dead disk) logs once per window instead of
 * flooding the log. The first event of a key logs at once. Later events
 * of that key log only after windowMs has passed since the last logged
 * one, and carry the number of repeats skipped in between.
 */
export class RepeatLimiter {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly keys = new Map<
    string,
    { loggedAt: number; suppressed: number }
  >();

  constructor(options: { windowMs?: number; now?: () => number } = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Returns null when the event should be skipped, else the number of
   * repeats of the key that were skipped since it was last logged.
   */
  admit(key: string): { suppressedRepeats: number } | null {
    const now = this.now();
    const state = this.keys.get(key);
    if (state && now - state.loggedAt < this.windowMs) {
      state.suppressed += 1;
      return null;
    }
    this.keys.set(key, { loggedAt: now, suppressed: 0 });
    return { suppressedRepeats: state?.suppressed ?? 0 };
  }

  /** Forgets a key, so that its next event logs at once (after recovery). */
  reset(key: string): void {
    this.keys.delete(key);
  }
}
