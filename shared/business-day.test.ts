import { describe, expect, it } from 'vitest';

import { isSoldOutNow } from './availability.js';
import { addDays, businessDateOf, localHourOf } from './business-day.js';

describe('businessDateOf', () => {
  it.each([
    // [instant, zone, cut-off, business date]
    ['2026-03-15T03:30:00Z', 'America/New_York', undefined, '2026-03-14'],
    ['2026-03-15T04:30:00Z', 'America/New_York', undefined, '2026-03-15'],
    ['2026-03-15T07:59:00Z', 'America/New_York', '04:00', '2026-03-14'],
    ['2026-03-15T08:00:00Z', 'America/New_York', '04:00', '2026-03-15'],
    ['2026-03-01T00:30:00Z', 'Europe/Berlin', '02:00', '2026-02-28'],
    ['2028-03-01T00:30:00Z', 'Europe/Berlin', '02:00', '2028-02-29'],
    ['2026-01-01T03:00:00Z', 'UTC', '04:00', '2025-12-31'],
  ] as const)(
    '%s in %s with cut-off %s is %s',
    (instant, zone, cutoff, date) => {
      expect(businessDateOf(new Date(instant), zone, cutoff)).toBe(date);
    },
  );

  it('rejects a malformed cut-off', () => {
    expect(() => businessDateOf(new Date(), 'UTC', '4:00')).toThrow(
      'is not a time in HH:MM',
    );
  });
});

describe('business-day helpers', () => {
  it('addDays crosses months and years', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('localHourOf uses the zone', () => {
    expect(
      localHourOf(new Date('2026-07-01T02:15:00Z'), 'America/Chicago'),
    ).toBe(21);
    expect(localHourOf(new Date('2026-07-01T23:15:00Z'), 'Asia/Tokyo')).toBe(8);
  });
});

describe('isSoldOutNow', () => {
  const truck = { timezone: 'America/New_York', businessDayCutoff: '04:00' };
  const changedAt = '2026-03-15T06:00:00.000Z';

  it('clears a day mark at the next cut-off', () => {
    const mark = { soldOut: true, changedAt };

    expect(isSoldOutNow(mark, new Date('2026-03-15T07:59:00Z'), truck)).toBe(
      true,
    );
    expect(isSoldOutNow(mark, new Date('2026-03-15T08:00:00Z'), truck)).toBe(
      false,
    );
  });

  it('keeps a dated mark through its date', () => {
    const mark = { soldOut: true, changedAt, until: '2026-03-16' };

    expect(isSoldOutNow(mark, new Date('2026-03-17T07:59:00Z'), truck)).toBe(
      true,
    );
    expect(isSoldOutNow(mark, new Date('2026-03-17T08:00:00Z'), truck)).toBe(
      false,
    );
  });

  it('keeps a set-back mark forever', () => {
    const mark = { soldOut: true, changedAt, until: null };

    expect(isSoldOutNow(mark, new Date('2027-01-01T00:00:00Z'), truck)).toBe(
      true,
    );
  });

  it('never counts a set-back as sold out', () => {
    const mark = { soldOut: false, changedAt, until: null };

    expect(isSoldOutNow(mark, new Date(changedAt), truck)).toBe(false);
  });
});
