import { describe, expect, it } from 'vitest';

import { orderNumberFor } from './order-number.js';

describe('orderNumberFor', () => {
  it('numbers slot 0 from 1', () => {
    expect(orderNumberFor(0, 1)).toBe(1);
    expect(orderNumberFor(0, 999)).toBe(999);
  });

  it('prefixes the slot', () => {
    expect(orderNumberFor(7, 1)).toBe(7001);
    expect(orderNumberFor(99, 999)).toBe(99999);
  });

  it('wraps after 999 orders', () => {
    expect(orderNumberFor(3, 1000)).toBe(3001);
    expect(orderNumberFor(3, 1998)).toBe(3999);
    expect(orderNumberFor(3, 1999)).toBe(3001);
  });

  it('rejects slots outside 0..99', () => {
    expect(() => orderNumberFor(100, 1)).toThrow(RangeError);
    expect(() => orderNumberFor(-1, 1)).toThrow(RangeError);
    expect(() => orderNumberFor(0, 0)).toThrow(RangeError);
  });
});
