import { GalleyError } from '../../shared/errors.js';

export interface FailureLimit {
  /** Failures allowed per key within the window. */
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failed attempts per key (a client IP, or an account's email) in a
 * fixed window and blocks the key once it reaches the limit. In process
 * memory only, so each server process counts on its own.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, { count: number; since: number }>();
  readonly #limit: FailureLimit;
  readonly #now: () => number;

  constructor(limit: FailureLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /**
   * Throws TOO_MANY_REQUESTS while the key is blocked. `scope` names what
   * the key is, for the message.
   */
  assertAllowed(
    key: string,
    action: string,
    scope = 'from this address',
  ): void {
    const entry = this.#current(key);
    if (!entry || entry.count < this.#limit.maxFailures) return;

    const retryMinutes = Math.ceil(
      (entry.since + this.#limit.windowMs - this.#now()) / 60_000,
    );
    throw new GalleyError(
      'TOO_MANY_REQUESTS',
      `Too many failed ${action} attempts ${scope}. ` +
        `Try again in ${retryMinutes} minute${retryMinutes === 1 ? '' : 's'}.`,
    );
  }

  recordFailure(key: string): void {
    const entry = this.#current(key) ?? { count: 0, since: this.#now() };
    entry.count += 1;
    this.#failures.set(key, entry);
    this.#prune();
  }

  /** Forgets a key's failures, after it proved itself. */
  reset(key: string): void {
    this.#failures.delete(key);
  }

  #current(key: string): { count: number; since: number } | undefined {
    const entry = this.#failures.get(key);
    if (entry && this.#now() - entry.since >= this.#limit.windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  // NOTE: keeps memory bounded under a flood of distinct addresses by
  // dropping expired windows once the map grows large.
  #prune(): void {
    if (this.#failures.size < 10_000) return;
    for (const key of [...this.#failures.keys()]) this.#current(key);
  }
}
