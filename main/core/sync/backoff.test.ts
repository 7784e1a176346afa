import { afterEach, describe, expect, it, vi } from 'vitest';

import { backoffDelayMs, envMilliseconds } from './backoff.js';

describe('backoffDelayMs', () => {
  const half = { baseMs: 1_000, maxMs: 30_000, random: () => 0.5 };

  it('doubles the ceiling up to maxMs', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((failures) =>
      backoffDelayMs(failures, half),
    );

    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it('treats zero or fewer failures as the first', () => {
    expect(backoffDelayMs(0, half)).toBe(500);
    expect(backoffDelayMs(-3, half)).toBe(500);
  });

  it('stops doubling after 30 failures', () => {
    const unbounded = {
      baseMs: 1,
      maxMs: Number.MAX_SAFE_INTEGER,
      random: () => 0.5,
    };

    expect(backoffDelayMs(31, unbounded)).toBe(2 ** 29);
    expect(backoffDelayMs(1_000, unbounded)).toBe(2 ** 29);
  });

  it('rounds the jittered delay down', () => {
    const options = { baseMs: 1_000, maxMs: 30_000, random: () => 0.9999 };

    expect(backoffDelayMs(1, options)).toBe(999);
    expect(backoffDelayMs(1, { ...options, random: () => 0 })).toBe(0);
  });

  it('draws from Math.random by default', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.25);
    try {
      expect(backoffDelayMs(3, { baseMs: 1_000, maxMs: 30_000 })).toBe(1_000);
      expect(random).toHaveBeenCalledTimes(1);
    } finally {
      random.mockRestore();
    }
  });
});

describe('envMilliseconds', () => {
  const name = 'GALLEY_BACKOFF_TEST_MS';

  afterEach(() => {
    delete process.env[name];
  });

  it('returns the fallback when unset or blank', () => {
    expect(envMilliseconds(name, 750)).toBe(750);

    process.env[name] = '';
    expect(envMilliseconds(name, 750)).toBe(750);

    process.env[name] = '   ';
    expect(envMilliseconds(name, 750)).toBe(750);
  });

  it('reads a positive whole number', () => {
    process.env[name] = '2500';

    expect(envMilliseconds(name, 750)).toBe(2_500);
  });

  it.each(['abc', '0', '-5', '1.5', '12ms'])('rejects "%s"', (raw) => {
    process.env[name] = raw;

    expect(() => envMilliseconds(name, 750)).toThrow(
      `${name} must be a positive whole number of milliseconds, got "${raw}".`,
    );
  });
});
