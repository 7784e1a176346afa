import { describe, expect, it } from 'vitest';

import {
  clockWarningMs,
  correctedTime,
  estimateClockSkewMs,
  ignoredSkewMs,
} from './clock-skew.js';

describe('estimateClockSkewMs', () => {
  const sentAt = Date.parse('2026-03-14T12:00:00.000Z');

  it('compares the server time with the midpoint', () => {
    expect(
      estimateClockSkewMs('2026-03-14T12:00:10.000Z', sentAt, sentAt + 200),
    ).toBe(9_900);
  });

  it('returns a negative skew for a server behind', () => {
    expect(
      estimateClockSkewMs('2026-03-14T11:00:00.000Z', sentAt, sentAt + 100),
    ).toBe(-3_600_050);
  });

  it('rounds half a millisecond up', () => {
    expect(
      estimateClockSkewMs('2026-03-14T12:00:00.000Z', sentAt, sentAt + 3),
    ).toBe(-1);
    expect(
      estimateClockSkewMs('2026-03-14T12:00:00.002Z', sentAt, sentAt + 3),
    ).toBe(1);
  });

  it.each(['not a time', '', '2026-13-45T99:00:00Z'])(
    'returns null for "%s"',
    (serverTime) => {
      expect(estimateClockSkewMs(serverTime, sentAt, sentAt + 10)).toBeNull();
    },
  );
});

describe('correctedTime', () => {
  const local = Date.parse('2026-03-14T12:00:00.000Z');

  it('keeps the local time without a skew', () => {
    expect(correctedTime(local, null).toISOString()).toBe(
      '2026-03-14T12:00:00.000Z',
    );
  });

  it('ignores skews below ignoredSkewMs', () => {
    expect(correctedTime(local, ignoredSkewMs - 1).getTime()).toBe(local);
    expect(correctedTime(local, -(ignoredSkewMs - 1)).getTime()).toBe(local);
  });

  it('applies skews from ignoredSkewMs on', () => {
    expect(correctedTime(local, ignoredSkewMs).getTime()).toBe(
      local + ignoredSkewMs,
    );
    expect(correctedTime(local, -clockWarningMs).toISOString()).toBe(
      '2026-03-14T11:58:00.000Z',
    );
  });
});
