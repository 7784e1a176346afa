import { scryptSync, timingSafeEqual } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  pinHashTestVector,
  type StaffMember,
  type SyncedStaff,
} from '../../shared/staff.js';
import type { PullOutput } from '../../shared/sync.js';
import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';
import { hashPin, verifyPin } from './pins.js';

/** Verifies a PIN with the steps that shared/staff.ts documents for terminals. */
function verifyLikeTerminal(pin: string, staff: SyncedStaff): boolean {
  const { N, r, p, keyLength } = staff.pinParams;
  const key = scryptSync(
    pin,
    Buffer.from(staff.pinSalt, 'base64url'),
    keyLength,
    {
      N,
      r,
      p,
      maxmem: 32 * 1024 * 1024,
    },
  );
  return timingSafeEqual(key, Buffer.from(staff.pinHash, 'base64url'));
}

describe('PIN hashing', () => {
  it('matches the shared test vector', () => {
    expect(
      verifyLikeTerminal(pinHashTestVector.pin, {
        id: '00000000-0000-7000-8000-000000000000',
        name: 'Vector',
        role: 'staff',
        active: true,
        ...pinHashTestVector,
      }),
    ).toBe(true);
  });

  it('salts each hash', async () => {
    const first = await hashPin('4821');
    const second = await hashPin('4821');

    expect(first.pinSalt).not.toBe(second.pinSalt);
    expect(first.pinHash).not.toBe(second.pinHash);
    expect(await verifyPin('4821', first)).toBe(true);
    expect(await verifyPin('4822', first)).toBe(false);
  });
});

describe.each(storeKinds)('staff and settings on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;
  let truck: PairedTruck;

  const pull = (cursor: string) =>
    test.ok<PullOutput>('query', 'sync.pull', { cursor }, truck.deviceToken);
  const createStaff = (input: unknown) =>
    test.mutate<StaffMember>('staff.create', input, ownerToken);

  beforeAll(async () => {
    test = await startTestServer(kind);
    ownerToken = (await signUpOwner(test, 'Staffed foods')).token;
    truck = await createPairedTruck(test, ownerToken);
  });
  afterAll(() => test?.close());

  it('first pull sends staff and default settings', async () => {
    const first = await pull('0');

    expect(first.staff).toEqual([]);
    expect(first.settings).toEqual({
      discountLimitPercent: '10',
      idleLockSeconds: 300,
    });
    expect(first.availability).toEqual([]);
    expect(first.cursor).toBe('0');
  });

  it('created staff reach the terminal with a checkable PIN', async () => {
    const before = await pull('0');
    const created = await createStaff({
      name: 'Rosa',
      role: 'manager',
      pin: '482193',
    });

    expect(created.status).toBe(200);
    const member = created.body.result!.data;
    expect(member.role).toBe('manager');
    expect(member.active).toBe(true);
    expect(created.raw).not.toContain('pinHash');

    const after = await pull(before.cursor);
    const synced = after.staff?.find((entry) => entry.id === member.id);
    expect(synced?.name).toBe('Rosa');
    expect(synced?.pinParams).toEqual(pinHashTestVector.pinParams);
    expect(verifyLikeTerminal('482193', synced!)).toBe(true);
    expect(verifyLikeTerminal('482194', synced!)).toBe(false);
    expect(BigInt(after.cursor)).toBeGreaterThan(BigInt(before.cursor));

    const unchanged = await pull(after.cursor);
    expect(unchanged.staff).toBeUndefined();
    expect(unchanged.settings).toBeUndefined();
    expect(unchanged.cursor).toBe(after.cursor);
  });

  it('PIN of the wrong form names the pin field', async () => {
    const before = await test.ok<StaffMember[]>(
      'query',
      'staff.list',
      undefined,
      ownerToken,
    );
    for (const pin of ['123', '1234567', '12a4', 1234]) {
      const result = await createStaff({ name: 'Bad', role: 'staff', pin });

      expect(result.status, String(pin)).toBe(400);
      expect(result.body.error?.data.field).toBe('pin');
      expect(result.body.error?.message).toContain('pin');
    }
    const after = await test.ok<StaffMember[]>(
      'query',
      'staff.list',
      undefined,
      ownerToken,
    );
    expect(after).toEqual(before);
  });

  it('setPin, update and deactivate reach the terminal', async () => {
    const member = (
      await createStaff({ name: 'Sam', role: 'staff', pin: '1111' })
    ).body.result!.data;
    const { cursor } = await pull('0');

    await test.ok(
      'mutation',
      'staff.setPin',
      { staffId: member.id, pin: '2222' },
      ownerToken,
    );
    let synced = (await pull(cursor)).staff!.find((s) => s.id === member.id)!;
    expect(verifyLikeTerminal('2222', synced)).toBe(true);
    expect(verifyLikeTerminal('1111', synced)).toBe(false);

    const renamed = await test.ok<StaffMember>(
      'mutation',
      'staff.update',
      { staffId: member.id, name: 'Samuel', role: 'manager' },
      ownerToken,
    );
    expect(renamed.name).toBe('Samuel');
    expect(renamed.role).toBe('manager');

    const { cursor: beforeDeactivate } = await pull('0');
    await test.ok(
      'mutation',
      'staff.deactivate',
      { staffId: member.id },
      ownerToken,
    );
    synced = (await pull(beforeDeactivate)).staff!.find(
      (s) => s.id === member.id,
    )!;
    expect(synced.active).toBe(false);
    expect(synced.name).toBe('Samuel');
  });

  it('settings update reaches the terminal', async () => {
    const { cursor } = await pull('0');
    const updated = await test.ok(
      'mutation',
      'settings.update',
      { discountLimitPercent: '12.5' },
      ownerToken,
    );

    expect(updated).toEqual({
      discountLimitPercent: '12.5',
      idleLockSeconds: 300,
    });
    const after = await pull(cursor);
    expect(after.settings).toEqual(updated);
    expect(after.staff).toBeUndefined();
  });

  it('settings reject values out of range', async () => {
    const tooHigh = await test.mutate(
      'settings.update',
      { discountLimitPercent: '101' },
      ownerToken,
    );
    const tooShort = await test.mutate(
      'settings.update',
      { idleLockSeconds: 5 },
      ownerToken,
    );

    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error?.data.field).toBe('discountLimitPercent');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error?.data.field).toBe('idleLockSeconds');
    expect(
      await test.ok('query', 'settings.get', undefined, ownerToken),
    ).toEqual({ discountLimitPercent: '12.5', idleLockSeconds: 300 });
  });
});
