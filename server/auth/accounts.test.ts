import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  signUpOwner,
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';
import type { OwnerAccount } from './owner-accounts.js';

const password = 'correct horse battery';

describe.each(storeKinds)('owner accounts on %s', (kind) => {
  let test: TestServer;
  let owner: { token: string; email: string };

  const login = (email: string, secret: string) =>
    test.mutate<{ token: string }>('auth.login', { email, password: secret });
  const canListTrucks = async (token: string) =>
    (await test.query('trucks.list', undefined, token)).status === 200;

  beforeAll(async () => {
    test = await startTestServer(kind);
    owner = await signUpOwner(test, 'Two owners');
  });
  afterAll(() => test?.close());

  it('owners.create adds a second owner', async () => {
    const created = await test.ok<OwnerAccount>(
      'mutation',
      'owners.create',
      { email: 'Partner@Example.com', password: 'partner-pass' },
      owner.token,
    );
    const partner = await login('partner@example.com', 'partner-pass');

    expect(created.email).toBe('partner@example.com');
    expect(partner.status).toBe(200);
    const listed = await test.ok<OwnerAccount[]>(
      'query',
      'owners.list',
      undefined,
      partner.body.result!.data.token,
    );
    expect(listed.map((entry) => entry.email)).toEqual([
      owner.email,
      'partner@example.com',
    ]);
  });

  it('owners.create rejects a taken email', async () => {
    const result = await test.mutate(
      'owners.create',
      { email: owner.email, password: 'whatever-pass' },
      owner.token,
    );

    expect(result.status).toBe(409);
    expect(result.body.error?.data.field).toBe('email');
  });

  it('invite code works once', async () => {
    const invite = await test.ok<{ inviteCode: string }>(
      'mutation',
      'owners.invite',
      { email: 'chef@example.com' },
      owner.token,
    );
    const accepted = await test.mutate<{ token: string; email: string }>(
      'owners.acceptInvite',
      { inviteCode: invite.inviteCode, password: 'chef-password' },
    );
    const reused = await test.mutate('owners.acceptInvite', {
      inviteCode: invite.inviteCode,
      password: 'chef-password',
    });

    expect(invite.inviteCode).toMatch(/^goi_[A-Za-z0-9_-]{43}$/);
    expect(accepted.status).toBe(200);
    expect(accepted.body.result!.data.email).toBe('chef@example.com');
    expect(await canListTrucks(accepted.body.result!.data.token)).toBe(true);
    expect(reused.status).toBe(401);
  });

  it('changePassword signs out other sessions', async () => {
    const email = 'rotate@example.com';
    await test.ok(
      'mutation',
      'owners.create',
      { email, password },
      owner.token,
    );
    const current = (await login(email, password)).body.result!.data.token;
    const other = (await login(email, password)).body.result!.data.token;

    const wrong = await test.mutate(
      'auth.changePassword',
      { currentPassword: 'not it', newPassword: 'brand new pass' },
      current,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.data.field).toBe('currentPassword');
    expect(await canListTrucks(other)).toBe(true);

    const changed = await test.ok(
      'mutation',
      'auth.changePassword',
      { currentPassword: password, newPassword: 'brand new pass' },
      current,
    );
    expect(changed).toEqual({ ok: true, signedOutSessions: 1 });
    expect(await canListTrucks(current)).toBe(true);
    expect(await canListTrucks(other)).toBe(false);
    expect((await login(email, password)).status).toBe(401);
    expect((await login(email, 'brand new pass')).status).toBe(200);
  });

  it('logoutEverywhere ends every session', async () => {
    const email = 'leave@example.com';
    await test.ok(
      'mutation',
      'owners.create',
      { email, password },
      owner.token,
    );
    const first = (await login(email, password)).body.result!.data.token;
    const second = (await login(email, password)).body.result!.data.token;

    const result = await test.ok(
      'mutation',
      'auth.logoutEverywhere',
      undefined,
      first,
    );

    expect(result).toEqual({ ok: true, signedOutSessions: 2 });
    expect(await canListTrucks(first)).toBe(false);
    expect(await canListTrucks(second)).toBe(false);
  });
});

describe('sign-in limit per account', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer('pglite', {
      loginFailureLimit: { maxFailures: 100, windowMs: 60_000 },
      accountFailureLimit: { maxFailures: 3, windowMs: 60_000 },
    });
  });
  afterAll(() => test?.close());

  it('blocks one email, not others', async () => {
    const target = await signUpOwner(test, 'Target');
    const bystander = await signUpOwner(test, 'Bystander');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const result = await test.mutate('auth.login', {
        email: target.email.toUpperCase(),
        password: 'guess-' + attempt,
      });
      statuses.push(result.status);
    }
    const blocked = await test.mutate('auth.login', {
      email: target.email,
      password,
    });
    const other = await test.mutate('auth.login', {
      email: bystander.email,
      password,
    });

    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error?.message).toContain('for this account');
    expect(other.status).toBe(200);
  });
});
