/**
 * Full-jitter exponential backoff: the delay before retry n (from 1) is
 * uniform in [0, min(max, base × 2^(n−1))). Jitter spreads the retries of
 * many trucks that lost the same server at the same moment.
 */
export function backoffDelayMs(
  failures: number,
  options: { baseMs: number; maxMs: number; random?: () => number },
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const random = options.random ?? Math.random;
  return Math.floor(random() * ceiling);
}

/** Reads a positive whole number of milliseconds from the environment. */
export function envMilliseconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;

  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(
      `${name} must be a positive whole number of milliseconds, got "${raw}".`,
    );
  }
  return value;
}
