import { describe, expect, it } from 'vitest';

import { describeStatement, queryOperation } from './statements.js';

describe('queryOperation', () => {
  it.each([
    ['select 1', 'select'],
    ['  INSERT INTO orders VALUES ($1)', 'insert'],
    ['/* drizzle */ update trucks set x = $1', 'update'],
    ['with t as (select 1) select * from t', 'with'],
    ['VACUUM ANALYZE', 'other'],
    ['', 'other'],
  ])('labels %j as %s', (sql, expected) => {
    expect(queryOperation(sql)).toBe(expected);
  });
});

describe('describeStatement', () => {
  it('masks literals and keeps bind markers', () => {
    const sql = `select * from owners where email = 'ana@example.test' and age > 42 and id = $1 and t2.x = $2`;
    expect(describeStatement(sql)).toBe(
      'select * from owners where email = ? and age > ? and id = $1 and t2.x = $2',
    );
  });

  it('masks escaped quotes and dollar quoting', () => {
    expect(
      describeStatement(`select 'it''s secret', $$hidden$$, $tag$x$tag$`),
    ).toBe('select ?, ?, ?');
  });

  it('collapses whitespace and cuts long text', () => {
    expect(describeStatement('select\n  a,\n  b')).toBe('select a, b');
    const long = `select ${'a, '.repeat(400)}b`;
    const described = describeStatement(long);
    expect(described.length).toBe(501);
    expect(described.endsWith('…')).toBe(true);
  });
});
