import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createOwner } from './owners.js';
import { sessionLifetimeMs } from './sessions.js';
import {
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';

describe.each(storeKinds)('owner sign-in on %s', (kind) => {
  let test: TestServer;
  const email = 'Maria@Example.com';
  const password = 'tortillas-4-ever';

  beforeAll(async () => {
    test = await startTestServer(kind);
    await createOwner(test.server.database.db, {
      email,
      password,
      organizationName: 'Maria Tacos',
    });
  });
  afterAll(() => test?.close());

  it('login returns a prefixed session token', async () => {
    const result = await test.mutate<{ token: string; expiresAt: string }>(
      'auth.login',
      { email: 'maria@example.com', password },
    );

    expect(result.status).toBe(200);
    const data = result.body.result!.data;
    expect(data.token).toMatch(/^gso_[A-Za-z0-9_-]{43}$/);
    const lifetime = Date.parse(data.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(sessionLifetimeMs - 60_000);
    expect(lifetime).toBeLessThanOrEqual(sessionLifetimeMs);
  });

  it('session token works until logout', async () => {
    const { token } = await test.ok<{ token: string }>(
      'mutation',
      'auth.login',
      { email, password },
    );

    expect((await test.query('trucks.list', undefined, token)).status).toBe(
      200,
    );
    expect(
      (await test.mutate('auth.logout', undefined, token)).body.result?.data,
    ).toEqual({ ok: true });
    expect((await test.query('trucks.list', undefined, token)).status).toBe(
      401,
    );
  });

  it('wrong password and unknown email read the same', async () => {
    const wrongPassword = await test.mutate('auth.login', {
      email,
      password: 'not-the-password',
    });
    const unknownEmail = await test.mutate('auth.login', {
      email: 'nobody@example.com',
      password,
    });

    for (const result of [wrongPassword, unknownEmail]) {
      expect(result.status).toBe(401);
      expect(result.body.error?.message).toBe(
        'Email or password is incorrect.',
      );
    }
  });

  it('expired session is rejected', async () => {
    const { token } = await test.ok<{ token: string }>(
      'mutation',
      'auth.login',
      { email, password },
    );
    test.advanceClock(sessionLifetimeMs + 1000);
    try {
      const result = await test.query('trucks.list', undefined, token);
      expect(result.status).toBe(401);
    } finally {
      test.advanceClock(-(sessionLifetimeMs + 1000));
    }
  });

  it('create-owner rejects a taken email', async () => {
    await expect(
      createOwner(test.server.database.db, {
        email: ' MARIA@example.com ',
        password,
        organizationName: 'Copycat',
      }),
    ).rejects.toThrow('An owner with email maria@example.com already exists.');
  });

  it('create-owner rejects a short password', async () => {
    await expect(
      createOwner(test.server.database.db, {
        email: 'short@example.com',
        password: 'seven77',
        organizationName: 'Short',
      }),
    ).rejects.toThrow('Invalid password: must be at least 8 characters long.');
  });
});
