/**
 * Exact request statistics over a sliding time window, for the JSON
 * metrics people read and for the alerts the server evaluates itself.
 * Prometheus histograms can only interpolate between bucket edges, so the
 * window keeps the samples themselves and sorts them on read.
 */
export interface RequestSample {
  /** When the request finished, in milliseconds since the epoch. */
  at: number;
  durationMs: number;
  statusCode: number;
  /**
   * True for a request that waits for an event by design, such as a long
   * poll. It counts toward `count`, the rate and the error rates, but its
   * duration stays out of the percentiles.
   */
  excludedFromLatency?: boolean;
}

export interface RecordOptions {
  excludeFromLatency?: boolean;
}

export interface WindowSummary {
  count: number;
  /** Samples behind p50, p95 and p99: `count` minus the long polls. */
  latencyCount: number;
  /** Requests per second over the window. */
  rate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  clientErrors: number;
  serverErrors: number;
  /** Share of requests answered with 4xx, from 0 to 1. */
  clientErrorRate: number;
  /** Share of requests answered with 5xx, from 0 to 1. */
  serverErrorRate: number;
}

export interface SlidingWindowOptions {
  windowMs?: number;
  /**
   * Upper bound on the samples kept per series, so a flood of requests
   * cannot grow memory without limit. Past it the oldest samples go first,
   * and the window then covers less time than `windowMs`.
   */
  maxSamples?: number;
  now?: () => number;
}

export const defaultWindowMs = 5 * 60_000;
export const defaultMaxSamples = 20_000;

/**
 * Returns the nearest-rank percentile of ascending `sorted` values: the
 * smallest value such that at least p% of the values are at or below it.
 * For the values 1..100 the 95th percentile is 95.
 */
export function nearestRank(
  sorted: readonly number[],
  percentile: number,
): number | null {
  if (sorted.length === 0) return null;
  if (!(percentile > 0 && percentile <= 100)) {
    throw new RangeError(`Percentile must be in (0, 100], got ${percentile}.`);
  }
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1] ?? null;
}

export class SlidingWindow {
  private readonly windowMs: number;
  private readonly maxSamples: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  /** Samples in arrival order; `head` skips expired ones without copying. */
  private samples: RequestSample[] = [];
  private head = 0;

  constructor(options: SlidingWindowOptions = {}) {
    this.windowMs = options.windowMs ?? defaultWindowMs;
    this.maxSamples = options.maxSamples ?? defaultMaxSamples;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  record(
    durationMs: number,
    statusCode: number,
    options: RecordOptions = {},
  ): void {
    const sample: RequestSample = { at: this.now(), durationMs, statusCode };
    if (options.excludeFromLatency) sample.excludedFromLatency = true;
    this.samples.push(sample);
    if (this.samples.length - this.head > this.maxSamples) this.head += 1;
    this.compactIfSparse();
  }

  /** Samples still inside the window, oldest first. */
  current(): RequestSample[] {
    this.expire();
    return this.samples.slice(this.head);
  }

  /**
   * Summarizes the window. Until the window has been open for `windowMs`,
   * the rate divides by the time since it opened (at least one second), so
   * a freshly started server does not report a rate that is too low.
   */
  summarize(): WindowSummary {
    const openFor = Math.max(this.now() - this.startedAt, 1000);
    return summarizeSamples(this.current(), Math.min(this.windowMs, openFor));
  }

  private expire(): void {
    const oldestKept = this.now() - this.windowMs;
    while (this.head < this.samples.length) {
      const sample = this.samples[this.head];
      if (!sample || sample.at >= oldestKept) break;
      this.head += 1;
    }
    this.compactIfSparse();
  }

  private compactIfSparse(): void {
    if (this.head > 1024 && this.head * 2 > this.samples.length) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
  }
}

/** Summarizes samples; `windowMs` turns the count into a rate per second. */
export function summarizeSamples(
  samples: readonly RequestSample[],
  windowMs: number,
): WindowSummary {
  const durations = samples
    .filter((sample) => !sample.excludedFromLatency)
    .map((sample) => sample.durationMs);
  durations.sort((a, b) => a - b);

  let clientErrors = 0;
  let serverErrors = 0;
  for (const sample of samples) {
    if (sample.statusCode >= 500) serverErrors += 1;
    else if (sample.statusCode >= 400) clientErrors += 1;
  }

  const count = samples.length;
  return {
    count,
    latencyCount: durations.length,
    rate: count / (windowMs / 1000),
    p50: nearestRank(durations, 50),
    p95: nearestRank(durations, 95),
    p99: nearestRank(durations, 99),
    clientErrors,
    serverErrors,
    clientErrorRate: count === 0 ? 0 : clientErrors / count,
    serverErrorRate: count === 0 ? 0 : serverErrors / count,
  };
}
