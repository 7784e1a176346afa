import { describe, expect, it } from 'vitest';

import { nearestRank, SlidingWindow } from './sliding-window.js';

describe('nearestRank', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns exact ranks for 1..100', () => {
    expect(nearestRank(oneToHundred, 50)).toBe(50);
    expect(nearestRank(oneToHundred, 95)).toBe(95);
    expect(nearestRank(oneToHundred, 99)).toBe(99);
    expect(nearestRank(oneToHundred, 100)).toBe(100);
  });

  it('handles small and empty inputs', () => {
    expect(nearestRank([], 95)).toBeNull();
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([1, 2], 50)).toBe(1);
    expect(nearestRank([1, 2], 51)).toBe(2);
  });

  it('rejects percentiles outside (0, 100]', () => {
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([1], 101)).toThrow(
      'Percentile must be in (0, 100]',
    );
  });
});

describe('SlidingWindow', () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('reports p95 = 95 for latencies 1..100 in any order', () => {
    const window = new SlidingWindow({ now: clock().now });
    const shuffled = Array.from(
      { length: 100 },
      (_, i) => ((i * 37) % 100) + 1,
    );
    for (const ms of shuffled) window.record(ms, 200);

    const summary = window.summarize();
    expect(summary.count).toBe(100);
    expect(summary.p50).toBe(50);
    expect(summary.p95).toBe(95);
    expect(summary.p99).toBe(99);
  });

  it('drops samples older than the window', () => {
    const time = clock();
    const window = new SlidingWindow({ windowMs: 60_000, now: time.now });
    for (let ms = 1; ms <= 50; ms += 1) window.record(1000, 200);
    time.advance(30_000);
    for (let ms = 1; ms <= 100; ms += 1) window.record(ms, 200);
    time.advance(30_001);

    const summary = window.summarize();
    expect(summary.count).toBe(100);
    expect(summary.p95).toBe(95);
  });

  it('keeps at most maxSamples, newest first', () => {
    const window = new SlidingWindow({ maxSamples: 10, now: clock().now });
    for (let ms = 1; ms <= 5000; ms += 1) window.record(ms, 200);

    const durations = window.current().map((sample) => sample.durationMs);
    expect(durations).toEqual([
      4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000,
    ]);
  });

  it('separates 4xx and 5xx rates', () => {
    const time = clock();
    const window = new SlidingWindow({ windowMs: 10_000, now: time.now });
    const statuses = [200, 200, 200, 200, 200, 201, 404, 400, 500, 503];
    for (const status of statuses) window.record(10, status);
    time.advance(10_000);

    const summary = window.summarize();
    expect(summary.clientErrors).toBe(2);
    expect(summary.serverErrors).toBe(2);
    expect(summary.clientErrorRate).toBeCloseTo(0.2, 10);
    expect(summary.serverErrorRate).toBeCloseTo(0.2, 10);
    expect(summary.rate).toBeCloseTo(1, 10);
  });

  it('counts long polls but keeps them out of percentiles', () => {
    const window = new SlidingWindow({ now: clock().now });
    for (let ms = 1; ms <= 100; ms += 1) window.record(ms, 200);
    for (let i = 0; i < 10; i += 1) {
      window.record(25_000, i < 8 ? 200 : 503, { excludeFromLatency: true });
    }

    const summary = window.summarize();
    expect(summary.count).toBe(110);
    expect(summary.latencyCount).toBe(100);
    expect(summary.p95).toBe(95);
    expect(summary.p99).toBe(99);
    expect(summary.serverErrors).toBe(2);
  });

  it('has no percentiles when every sample is excluded', () => {
    const window = new SlidingWindow({ now: clock().now });
    window.record(25_000, 200, { excludeFromLatency: true });

    const summary = window.summarize();
    expect(summary.count).toBe(1);
    expect(summary.latencyCount).toBe(0);
    expect(summary.p50).toBeNull();
    expect(summary.p95).toBeNull();
  });

  it('divides the rate by the open time at first', () => {
    const time = clock();
    const window = new SlidingWindow({ windowMs: 300_000, now: time.now });
    time.advance(5_000);
    for (let i = 0; i < 50; i += 1) window.record(1, 200);

    expect(window.summarize().rate).toBeCloseTo(10, 10);
  });
});
