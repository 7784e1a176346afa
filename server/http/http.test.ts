import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';

describe.each(storeKinds)('HTTP boundary on %s', (kind) => {
  let test: TestServer;
  let ownerA: string;
  let ownerB: string;
  let truckA: PairedTruck;
  let truckB: PairedTruck;
  const date = '2026-03-14';

  beforeAll(async () => {
    test = await startTestServer(kind, { bodyLimit: 64 * 1024 });
    ownerA = (await signUpOwner(test, 'Org A')).token;
    ownerB = (await signUpOwner(test, 'Org B')).token;
    truckA = await createPairedTruck(test, ownerA);
    truckB = await createPairedTruck(test, ownerB);
  });
  afterAll(() => test?.close());

  it('health answers healthy', async () => {
    const response = await test.server.app.inject({ url: '/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'healthy' });
  });

  it('malformed JSON gets 400 with a plain message', async () => {
    const response = await test.server.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      payload: '{"email": "a@b.c",',
      headers: { 'content-type': 'application/json' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(
      'The request input is not valid JSON. Send it as a JSON value: the body of a mutation, or the input parameter of a query.',
    );
  });

  it('unknown procedure gets 404', async () => {
    const result = await test.query('trucks.explode', undefined, ownerA);

    expect(result.status).toBe(404);
    expect(result.body.error?.data.code).toBe('NOT_FOUND');
  });

  it('missing token gets 401', async () => {
    const result = await test.query('trucks.list');

    expect(result.status).toBe(401);
    expect(result.body.error?.message).toMatch(/^Missing bearer token/);
  });

  it('made-up token gets 401', async () => {
    const result = await test.query('trucks.list', undefined, 'gso_made-up');

    expect(result.status).toBe(401);
  });

  it('device of org A cannot read org B', async () => {
    const report = await test.query(
      'reports.daily',
      { truckId: truckB.truckId, date },
      truckA.deviceToken,
    );
    const ownerOnly = await test.query(
      'trucks.list',
      undefined,
      truckA.deviceToken,
    );

    expect(report.status).toBe(403);
    expect(ownerOnly.status).toBe(403);
  });

  it('owner of org A sees no truck of org B', async () => {
    const orders = await test.query(
      'orders.list',
      { truckId: truckB.truckId, date },
      ownerA,
    );
    const menu = await test.query(
      'menu.current',
      { truckId: truckB.truckId },
      ownerA,
    );
    const code = await test.mutate(
      'trucks.issuePairingCode',
      { truckId: truckB.truckId },
      ownerA,
    );
    const revoke = await test.mutate(
      'devices.revoke',
      { deviceId: truckB.deviceId },
      ownerA,
    );
    const listed = await test.ok<{ id: string }[]>(
      'query',
      'trucks.list',
      undefined,
      ownerA,
    );

    for (const result of [orders, menu, code, revoke]) {
      expect(result.status).toBe(404);
      expect(result.raw).not.toContain('Org B');
    }
    expect(listed.map((truck) => truck.id)).toEqual([truckA.truckId]);
    expect(
      (await test.query('sync.pull', { cursor: '0' }, truckB.deviceToken))
        .status,
    ).toBe(200);
  });

  it('owner token cannot push as a device', async () => {
    const result = await test.mutate('sync.push', { entries: [] }, ownerB);

    expect(result.status).toBe(403);
  });

  it('oversized body gets 413', async () => {
    const response = await test.server.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      payload: JSON.stringify({ email: 'x'.repeat(70 * 1024), password: 'p' }),
      headers: { 'content-type': 'application/json' },
    });

    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toBe(
      'The request body is too large. Send smaller batches.',
    );
  });

  it('no response carries a stack trace', async () => {
    const responses = [
      await test.query('trucks.list'),
      await test.query('nope.nope'),
      await test.mutate('auth.login', { email: 5 }),
      await test.query('reports.daily', { truckId: 'x', date: 'y' }, ownerA),
      await test.mutate('sync.push', { entries: 'none' }, truckA.deviceToken),
    ];

    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.raw).not.toMatch(/stack|\bat .*\.ts:\d+/);
    }
  });
});
