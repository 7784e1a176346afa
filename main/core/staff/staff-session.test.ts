import { afterEach, describe, expect, it } from 'vitest';

import { pinHashTestVector } from '../../../shared/staff.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  tableCounts,
} from '../testing/test-core.js';
import { seedStaff, testStaff } from '../testing/staff-fixture.js';
import { verifyPin } from './pin-verifier.js';

/**
 * PIN sign-in on the terminal, without a server: the staff records are
 * seeded as a pull stores them, and the clock is injected.
 */
const opened: TerminalCore[] = [];
let clock = new Date('2026-06-01T16:00:00Z');

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
  clock = new Date('2026-06-01T16:00:00Z');
});

function openCore(dataDir?: string): TerminalCore {
  const core = openTestCore({
    now: () => clock,
    ...(dataDir ? { dataDir } : {}),
  });
  opened.push(core);
  return core;
}

function staffCore(): TerminalCore {
  const core = openCore();
  seedPairedTerminal(core);
  seedStaff(core);
  return core;
}

const order = {
  lines: [{ sku: 'TACO-ASADA', quantity: 1, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' },
};

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error('expected the call to fail');
}

describe('verifyPin', () => {
  it('matches the server test vector', async () => {
    expect(await verifyPin(pinHashTestVector.pin, pinHashTestVector)).toBe(
      true,
    );
  });

  it('rejects another PIN with the same hash', async () => {
    expect(await verifyPin('4822', pinHashTestVector)).toBe(false);
  });
});

describe('session', () => {
  it('signs in by PIN and switches user', async () => {
    const api = localCaller(staffCore());

    const cashier = await api.session.signIn({ pin: testStaff.cashier.pin });
    expect(cashier.staff).toEqual({
      id: testStaff.cashier.id,
      name: testStaff.cashier.name,
      role: 'staff',
    });
    expect(cashier.locked).toBe(false);
    expect(cashier.idleLockSeconds).toBe(120);
    expect(cashier.discountLimitPercent).toBe('10');

    const manager = await api.session.signIn({ pin: testStaff.manager.pin });
    expect(manager.staff?.id).toBe(testStaff.manager.id);

    const signedOut = await api.session.signOut();
    expect(signedOut.staff).toBeNull();
  });

  it('rejects a PIN of the wrong length', async () => {
    const api = localCaller(staffCore());
    const error = await rejection(api.session.signIn({ pin: '12' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('4 to 6 digits');
  });

  it('counts wrong PINs down to the lock-out', async () => {
    const api = localCaller(staffCore());
    const first = await rejection(api.session.signIn({ pin: '9999' }));
    expect(first.code).toBe('UNAUTHORIZED');
    expect(first.message).toBe(
      'Wrong PIN. 4 tries left before PIN entry locks for 5 minutes.',
    );
  });

  it('locks out after five wrong PINs, across a restart', async () => {
    const core = staffCore();
    const api = localCaller(core);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const error = await rejection(api.session.signIn({ pin: '9999' }));
      expect(error.code).toBe('UNAUTHORIZED');
    }
    const fifth = await rejection(api.session.signIn({ pin: '9999' }));
    expect(fifth.code).toBe('TOO_MANY_REQUESTS');
    // 16:05 UTC is 12:05 in New York, the truck's zone.
    expect(fifth.message).toBe(
      'Too many wrong PINs. Try again at 12:05 (in 5 minutes).',
    );

    // The right PIN is rejected too while the lock-out lasts.
    const right = await rejection(
      api.session.signIn({ pin: testStaff.cashier.pin }),
    );
    expect(right.code).toBe('TOO_MANY_REQUESTS');

    const dataDir = core.dataDir;
    opened.splice(opened.indexOf(core), 1);
    await core.close();
    const reopened = openCore(dataDir);
    const afterRestart = localCaller(reopened);
    expect((await afterRestart.session.current()).lockedOutUntil).toBe(
      '2026-06-01T16:05:00.000Z',
    );
    const stillLocked = await rejection(
      afterRestart.session.signIn({ pin: testStaff.cashier.pin }),
    );
    expect(stillLocked.code).toBe('TOO_MANY_REQUESTS');

    clock = new Date('2026-06-01T16:05:01Z');
    const signedIn = await afterRestart.session.signIn({
      pin: testStaff.cashier.pin,
    });
    expect(signedIn.staff?.id).toBe(testStaff.cashier.id);
    expect(signedIn.lockedOutUntil).toBeNull();
  });

  it('resets the count after a right PIN', async () => {
    const api = localCaller(staffCore());
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await rejection(api.session.signIn({ pin: '9999' }));
    }
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const next = await rejection(api.session.signIn({ pin: '9999' }));
    expect(next.message).toContain('4 tries left');
  });

  it('rejects sign-in before staff arrive', async () => {
    const core = openCore();
    seedPairedTerminal(core);
    const error = await rejection(
      localCaller(core).session.signIn({ pin: '1234' }),
    );
    expect(error.code).toBe('PRECONDITION_FAILED');
  });
});

describe('orders.create with staff', () => {
  it('requires a signed-in staff member', async () => {
    const core = staffCore();
    const error = await rejection(localCaller(core).orders.create(order));
    expect(error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Sign in with your PIN first.',
    });
    expect(tableCounts(core).orders).toBe(0);
  });

  it('keeps working on a truck without staff', async () => {
    const core = openCore();
    seedPairedTerminal(core);
    const created = await localCaller(core).orders.create(order);
    expect(created.number).toBe(1);
    const [summary] = await localCaller(core).orders.list();
    expect(summary!.takenBy).toBeNull();
  });

  it('records takenBy in the snapshot', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const created = await api.orders.create(order);

    const [entry] = core.outbox.pendingBatch(10);
    expect(entry!.kind).toBe('order.created');
    expect(entry!.payload).toMatchObject({
      id: created.id,
      takenBy: { staffId: testStaff.cashier.id, name: testStaff.cashier.name },
    });
    const [summary] = await api.orders.list();
    expect(summary!.takenBy).toEqual({
      staffId: testStaff.cashier.id,
      name: testStaff.cashier.name,
    });
  });

  it('refuses orders while the screen is locked', async () => {
    const core = staffCore();
    const api = localCaller(core);
    await api.session.signIn({ pin: testStaff.cashier.pin });
    const locked = await api.session.lock();
    expect(locked.locked).toBe(true);
    expect(locked.staff?.id).toBe(testStaff.cashier.id);

    const error = await rejection(api.orders.create(order));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(tableCounts(core).orders).toBe(0);

    const unlocked = await api.session.signIn({ pin: testStaff.cashier.pin });
    expect(unlocked.locked).toBe(false);
    expect((await api.orders.create(order)).number).toBe(1);
  });
});
