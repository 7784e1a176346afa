import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PullOutput } from '../../shared/sync.js';
import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';
import type { TruckSummary } from './trucks.js';

describe.each(storeKinds)('truck administration on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;
  let truck: PairedTruck;

  const pull = (cursor = '0', token = truck.deviceToken) =>
    test.query<PullOutput>('sync.pull', { cursor }, token);
  const listed = async (truckId: string) =>
    (
      await test.ok<TruckSummary[]>(
        'query',
        'trucks.list',
        undefined,
        ownerToken,
      )
    ).find((entry) => entry.id === truckId)!;

  beforeAll(async () => {
    test = await startTestServer(kind);
    ownerToken = (await signUpOwner(test, 'Fleet foods')).token;
    truck = await createPairedTruck(test, ownerToken);
  });
  afterAll(() => test?.close());

  it('rename and time settings reach the terminal', async () => {
    const before = (await pull()).body.result!.data;
    await test.ok(
      'mutation',
      'trucks.rename',
      { truckId: truck.truckId, name: 'Night owl' },
      ownerToken,
    );
    const updated = await test.ok(
      'mutation',
      'trucks.update',
      {
        truckId: truck.truckId,
        timezone: 'America/Chicago',
        businessDayCutoff: '04:00',
      },
      ownerToken,
    );
    const after = (await pull(before.cursor)).body.result!.data;

    expect(updated).toEqual({
      id: truck.truckId,
      name: 'Night owl',
      timezone: 'America/Chicago',
      businessDayCutoff: '04:00',
    });
    expect(after.truck).toEqual(updated);
    expect(BigInt(after.cursor)).toBeGreaterThan(BigInt(before.cursor));
  });

  it('bad cut-off and time zone name the field', async () => {
    const cutoff = await test.mutate(
      'trucks.update',
      { truckId: truck.truckId, businessDayCutoff: '25:00' },
      ownerToken,
    );
    const zone = await test.mutate(
      'trucks.update',
      { truckId: truck.truckId, timezone: 'Moon/Base' },
      ownerToken,
    );

    expect(cutoff.status).toBe(400);
    expect(cutoff.body.error?.data.field).toBe('businessDayCutoff');
    expect(zone.status).toBe(400);
    expect(zone.body.error?.data.field).toBe('timezone');
    expect((await listed(truck.truckId)).businessDayCutoff).toBe('04:00');
  });

  it('revoked device gets a plain 401', async () => {
    const spare = await createPairedTruck(test, ownerToken);
    await test.ok(
      'mutation',
      'devices.revoke',
      { deviceId: spare.deviceId },
      ownerToken,
    );
    const pulled = await pull('0', spare.deviceToken);
    const pushed = await test.mutate(
      'sync.push',
      { entries: [] },
      spare.deviceToken,
    );

    for (const result of [pulled, pushed]) {
      expect(result.status).toBe(401);
      expect(result.body.error?.message).toMatch(
        /^The owner unpaired this terminal on \d{4}-\d{2}-\d{2}, so it no longer syncs\. Its orders stay on this device\./,
      );
    }
  });

  it('retired truck stops its devices', async () => {
    const retiring = await createPairedTruck(test, ownerToken, {
      name: 'Old van',
      timezone: 'Europe/Paris',
    });
    const retired = await test.ok<{ retiredAt: string }>(
      'mutation',
      'trucks.retire',
      { truckId: retiring.truckId },
      ownerToken,
    );
    const pulled = await pull('0', retiring.deviceToken);
    const code = await test.mutate(
      'trucks.issuePairingCode',
      { truckId: retiring.truckId },
      ownerToken,
    );
    const rename = await test.mutate(
      'trucks.rename',
      { truckId: retiring.truckId, name: 'Back again' },
      ownerToken,
    );

    expect(pulled.status).toBe(401);
    expect(pulled.body.error?.message).toContain(
      'The owner retired truck "Old van"',
    );
    expect(code.status).toBe(409);
    expect(rename.status).toBe(409);
    expect((await listed(retiring.truckId)).retiredAt).toBe(retired.retiredAt);
  });

  it('pairing code of a retired truck fails', async () => {
    const created = await test.ok<{ truckId: string; pairingCode: string }>(
      'mutation',
      'trucks.create',
      { name: 'Short life', timezone: 'UTC' },
      ownerToken,
    );
    await test.ok(
      'mutation',
      'trucks.retire',
      { truckId: created.truckId },
      ownerToken,
    );
    const paired = await test.mutate('devices.pair', {
      pairingCode: created.pairingCode,
      deviceName: 'Late',
    });

    expect(paired.status).toBe(401);
  });
});
