/**
 * Estimates the server's clock minus this terminal's from one request:
 * the server stamped serverTime somewhere between sending and receiving,
 * so the midpoint is the best local guess for that moment. The error is at
 * most half the round trip, which is far below the skews that matter here
 * (a laptop an hour or more off after a time-zone change).
 */
export function estimateClockSkewMs(
  serverTime: string,
  sentAtMs: number,
  receivedAtMs: number,
): number | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  return Math.round(server - (sentAtMs + receivedAtMs) / 2);
}

/** Skew at which sync.status warns that this terminal's clock is off. */
export const clockWarningMs = 2 * 60_000;

/**
 * Skews smaller than this are treated as zero when stamping orders, so that
 * network jitter does not shift order times back and forth.
 */
export const ignoredSkewMs = 2_000;

/** Applies a measured skew to a local time. */
export function correctedTime(localMs: number, skewMs: number | null): Date {
  if (skewMs === null || Math.abs(skewMs) < ignoredSkewMs) {
    return new Date(localMs);
  }
  return new Date(localMs + skewMs);
}
