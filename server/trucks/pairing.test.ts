import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PairOutput } from '../../shared/sync.js';
import { pairingCodeLifetimeMs } from '../auth/pairing-codes.js';
import { fixtureMenu } from '../testing/order-snapshots.js';
import {
  signUpOwner,
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';
import { pairingCodeRejected } from './pairing.js';

describe.each(storeKinds)('trucks and pairing on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;

  const createTruck = (name = 'Poutine truck') =>
    test.ok<{
      truckId: string;
      pairingCode: string;
      pairingCodeExpiresAt: string;
    }>(
      'mutation',
      'trucks.create',
      { name, timezone: 'America/Montreal' },
      ownerToken,
    );
  const pair = (pairingCode: string, deviceName = 'Counter') =>
    test.mutate<PairOutput>('devices.pair', { pairingCode, deviceName });

  beforeAll(async () => {
    test = await startTestServer(kind, {
      pairingFailureLimit: { maxFailures: 50, windowMs: 60_000 },
    });
    ownerToken = (await signUpOwner(test, 'Poutine Co')).token;
  });
  afterAll(() => test?.close());

  it('trucks.create returns a typeable pairing code', async () => {
    const created = await createTruck();

    expect(created.pairingCode).toMatch(
      /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/,
    );
    const lifetime = Date.parse(created.pairingCodeExpiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(pairingCodeLifetimeMs - 60_000);
    expect(lifetime).toBeLessThanOrEqual(pairingCodeLifetimeMs);
  });

  it('trucks.create rejects an unknown time zone', async () => {
    const result = await test.mutate(
      'trucks.create',
      { name: 'Lost truck', timezone: 'Mars/Olympus_Mons' },
      ownerToken,
    );

    expect(result.status).toBe(400);
    expect(result.body.error?.data.field).toBe('timezone');
    expect(result.body.error?.message).toContain('Mars/Olympus_Mons');
  });

  it('pairing code works once', async () => {
    const created = await createTruck();
    const first = await pair(created.pairingCode);
    const second = await pair(created.pairingCode);

    expect(first.status).toBe(200);
    const paired = first.body.result!.data;
    expect(paired.deviceToken).toMatch(/^gsd_[A-Za-z0-9_-]{43}$/);
    expect(paired.slot).toBe(0);
    expect(paired.truck).toEqual({
      id: created.truckId,
      name: 'Poutine truck',
      timezone: 'America/Montreal',
      businessDayCutoff: '00:00',
    });
    expect(paired.organizationName).toBe('Poutine Co');
    expect(second.status).toBe(401);
    expect(second.body.error?.message).toBe(pairingCodeRejected);
  });

  it('code is accepted lower-case without the dash', async () => {
    const created = await createTruck();
    const typed = created.pairingCode.replace('-', '').toLowerCase();

    expect((await pair(` ${typed} `)).status).toBe(200);
  });

  it('wrong code is rejected', async () => {
    const result = await pair('ZZZZ-ZZZZ');

    expect(result.status).toBe(401);
    expect(result.body.error?.message).toBe(pairingCodeRejected);
  });

  it('expired code is rejected', async () => {
    const created = await createTruck();
    test.advanceClock(pairingCodeLifetimeMs + 1000);
    try {
      const result = await pair(created.pairingCode);
      expect(result.status).toBe(401);
      expect(result.body.error?.message).toBe(pairingCodeRejected);
    } finally {
      test.advanceClock(-(pairingCodeLifetimeMs + 1000));
    }
  });

  it('slots are the lowest free, reused after revoke', async () => {
    const created = await createTruck('Slot truck');
    const issue = () =>
      test.ok<{ pairingCode: string }>(
        'mutation',
        'trucks.issuePairingCode',
        { truckId: created.truckId },
        ownerToken,
      );
    const pairNew = async () =>
      (await pair((await issue()).pairingCode)).body.result!.data;

    const first = (await pair(created.pairingCode)).body.result!.data;
    const second = await pairNew();
    await test.ok(
      'mutation',
      'devices.revoke',
      { deviceId: first.deviceId },
      ownerToken,
    );
    const third = await pairNew();

    expect([first.slot, second.slot, third.slot]).toEqual([0, 1, 0]);
    const trucks = await test.ok<
      {
        id: string;
        devices: { id: string; slot: number; revokedAt: string | null }[];
      }[]
    >('query', 'trucks.list', undefined, ownerToken);
    const listed = trucks.find((truck) => truck.id === created.truckId)!;
    expect(listed.devices.map((device) => device.slot)).toEqual([0, 0, 1]);
    expect(
      listed.devices.filter((device) => device.revokedAt !== null),
    ).toHaveLength(1);
  });

  it('trucks.list shows the menu version', async () => {
    const created = await createTruck('Menu truck');
    const menuVersionOf = async () => {
      const trucks = await test.ok<
        { id: string; menuVersion: number | null }[]
      >('query', 'trucks.list', undefined, ownerToken);
      return trucks.find((truck) => truck.id === created.truckId)?.menuVersion;
    };

    expect(await menuVersionOf()).toBeNull();
    await test.ok(
      'mutation',
      'menu.import',
      { truckId: created.truckId, menu: fixtureMenu('poutine-truck') },
      ownerToken,
    );
    expect(await menuVersionOf()).toBe(1);
  });
});

describe('pairing rate limit', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer('pglite', {
      pairingFailureLimit: { maxFailures: 3, windowMs: 60_000 },
    });
  });
  afterAll(() => test?.close());

  it('blocks an address after repeated failures', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const result = await test.mutate('devices.pair', {
        pairingCode: 'AAAA-AAAA',
        deviceName: 'Guesser',
      });
      statuses.push(result.status);
    }

    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
