import type { Logger } from 'pino';

/**
 * Logs a repeated warning at most once per interval, with the number of
 * repeats left out since the previous line, so that an outage hit by every
 * request does not flood the log.
 */
export class ThrottledWarning {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(fields: Record<string, unknown>, message: string): void {
    const now = this.now();
    if (now - this.lastLoggedAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.log.warn(
      { ...fields, suppressedSinceLastLog: this.suppressed },
      message,
    );
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }
}
