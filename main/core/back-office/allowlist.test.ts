import { describe, expect, expectTypeOf, it } from 'vitest';

import type { ServerRouter } from '../../../server/trpc/router.js';
import { backOfficeProcedures } from './allowlist.js';

/**
 * The allowlist against the server router's type: the core may import only
 * types from server/, so these checks run in the type checker (tsc and
 * vitest's typecheck), and the real-server test in staff-server.test.ts
 * calls every entry.
 */
type ServerRecord = ServerRouter['_def']['record'];
type OwnerNamespace =
  'menus' | 'staff' | 'trucks' | 'reports' | 'owners' | 'settings';

type OwnerPath =
  | {
      [
        Namespace in OwnerNamespace
      ]: `${Namespace}.${keyof ServerRecord[Namespace] & string}`;
    }[OwnerNamespace]
  | 'auth.changePassword'
  | 'devices.revoke';

/** The kind ('query' or 'mutation') of a server procedure by path. */
type KindOf<Path extends string> =
  Path extends `${infer Namespace extends keyof ServerRecord & string}.${infer Name}`
    ? ServerRecord[Namespace] extends Record<
        Name,
        { _def: { type: infer Kind } }
      >
      ? Kind
      : never
    : never;

type Expected = { [Path in OwnerPath]: KindOf<Path> };

describe('back-office allowlist', () => {
  it('matches the owner procedures of the server', () => {
    expectTypeOf<keyof typeof backOfficeProcedures>().toEqualTypeOf<
      keyof Expected
    >();
    const checked: {
      [Path in keyof Expected]: Expected[Path];
    } = backOfficeProcedures;
    expect(Object.keys(checked)).toHaveLength(31);
  });

  it('leaves out device and session procedures', () => {
    for (const path of [
      'sync.push',
      'sync.pull',
      'devices.pair',
      'auth.login',
    ]) {
      expect(path in backOfficeProcedures, path).toBe(false);
    }
  });
});
