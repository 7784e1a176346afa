import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createTestOrganization,
  databaseDigest,
  type TestOrganization,
} from '../testing/organization-fixture.js';
import {
  createPairedTruck,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';
import { fixtureMenu } from '../testing/order-snapshots.js';
import { permissions } from './permissions.js';
import { serverRouter } from './router.js';

/** The ids one call may target, all of one organisation. */
interface Targets {
  truckId: string;
  menuId: string;
  staffId: string;
  deviceId: string;
}

/**
 * A valid input per procedure, built from the ids it should target. The
 * calls below are all expected to fail on permissions, so a valid input
 * shows that nothing but the permission check stopped them.
 */
const sampleInputs: Record<string, (target: Targets) => unknown> = {
  'auth.login': () => ({ email: 'a@example.com', password: 'whatever1' }),
  'auth.logout': () => undefined,
  'auth.logoutEverywhere': () => undefined,
  'auth.changePassword': () => ({
    currentPassword: 'correct horse battery',
    newPassword: 'a new password',
  }),
  'owners.list': () => undefined,
  'owners.create': () => ({ email: 'new@example.com', password: 'password1' }),
  'owners.invite': () => ({ email: 'invitee@example.com' }),
  'owners.acceptInvite': () => ({ inviteCode: 'goi_x', password: 'password1' }),
  'trucks.create': () => ({ name: 'New', timezone: 'Europe/Paris' }),
  'trucks.list': () => undefined,
  'trucks.issuePairingCode': (t) => ({ truckId: t.truckId }),
  'trucks.rename': (t) => ({ truckId: t.truckId, name: 'Renamed' }),
  'trucks.update': (t) => ({ truckId: t.truckId, businessDayCutoff: '04:00' }),
  'trucks.retire': (t) => ({ truckId: t.truckId }),
  'trucks.availability': (t) => ({ truckId: t.truckId }),
  'trucks.setAvailability': (t) => ({
    truckId: t.truckId,
    sku: 'TACO-ASADA',
    target: 'item',
    soldOut: true,
  }),
  'devices.pair': () => ({ pairingCode: 'AAAA-AAAA', deviceName: 'X' }),
  'devices.revoke': (t) => ({ deviceId: t.deviceId }),
  'menu.import': (t) => ({
    truckId: t.truckId,
    menu: { ...fixtureMenu('taco-truck'), name: 'Imported' },
  }),
  'menu.current': (t) => ({ truckId: t.truckId }),
  'menus.create': () => ({ name: 'Brunch', currency: 'USD' }),
  'menus.list': () => undefined,
  'menus.getDraft': (t) => ({ menuId: t.menuId }),
  'menus.saveDraft': (t) => ({
    menuId: t.menuId,
    menu: { ...fixtureMenu('taco-truck'), name: 'Saved' },
  }),
  'menus.publish': (t) => ({ menuId: t.menuId, truckIds: [t.truckId] }),
  'menus.export': (t) => ({ menuId: t.menuId, format: 'csv' }),
  'menus.importFile': (t) => ({
    menuId: t.menuId,
    format: 'json',
    content: JSON.stringify({ ...fixtureMenu('taco-truck'), name: 'File' }),
  }),
  'staff.list': () => undefined,
  'staff.create': () => ({ name: 'New hire', role: 'staff', pin: '9999' }),
  'staff.update': (t) => ({ staffId: t.staffId, role: 'owner' }),
  'staff.setPin': (t) => ({ staffId: t.staffId, pin: '0000' }),
  'staff.deactivate': (t) => ({ staffId: t.staffId }),
  'settings.get': () => undefined,
  'settings.update': () => ({ idleLockSeconds: 60 }),
  'sync.push': () => ({ entries: [] }),
  'sync.pull': () => ({ cursor: '0' }),
  'sync.waitForChange': () => ({ cursor: '0' }),
  'sync.reconcile': () => ({
    businessDate: '2026-03-14',
    count: 0,
    total: 0,
    digest: '0'.repeat(64),
  }),
  'support.importUnsyncedOrders': (t) => ({
    format: 'galley.unsynced-orders.v1',
    exportedAt: '2026-03-14T12:00:00.000Z',
    deviceId: t.deviceId,
    truckId: t.truckId,
    entries: [],
  }),
  'reports.daily': (t) => ({ truckId: t.truckId, date: '2026-03-14' }),
  'reports.sales': (t) => ({
    truckIds: [t.truckId],
    from: '2026-03-01',
    to: '2026-03-31',
  }),
  'reports.exportCsv': (t) => ({
    truckIds: [t.truckId],
    from: '2026-03-01',
    to: '2026-03-31',
  }),
  'orders.list': (t) => ({ truckId: t.truckId, date: '2026-03-14' }),
};

/** Procedures anyone may call without a token; changing it is deliberate. */
const expectedPublic = [
  'auth.login',
  'devices.pair',
  'owners.acceptInvite',
].sort();

const procedures = Object.entries(serverRouter._def.procedures).map(
  ([path, procedure]) => ({
    path,
    type: (procedure as unknown as { _def: { type: 'query' | 'mutation' } })
      ._def.type,
  }),
);

describe('permission table', () => {
  it('has a rule and a sample for every procedure', () => {
    const paths = procedures.map((procedure) => procedure.path).sort();

    expect(paths.filter((path) => !permissions[path])).toEqual([]);
    expect(paths.filter((path) => !sampleInputs[path])).toEqual([]);
    expect(Object.keys(permissions).sort()).toEqual(paths);
  });

  it('lists exactly the expected public procedures', () => {
    const publicPaths = Object.entries(permissions)
      .filter(([, rule]) => rule.access === 'public')
      .map(([path]) => path)
      .sort();

    expect(publicPaths).toEqual(expectedPublic);
  });
});

describe.each(storeKinds)('permissions on %s', (kind) => {
  let test: TestServer;
  let orgA: TestOrganization;
  let orgB: TestOrganization;
  let secondTruckA: PairedTruck;

  const targetsOf = (org: TestOrganization): Targets => ({
    truckId: org.truck.truckId,
    menuId: org.menuId,
    staffId: org.cashier.id,
    deviceId: org.truck.deviceId,
  });

  const call = (
    type: 'query' | 'mutation',
    path: string,
    input: unknown,
    token?: string,
  ) =>
    type === 'query'
      ? test.query(path, input, token)
      : test.mutate(path, input, token);

  /** Calls and checks the status, and that the database did not change. */
  const expectRejected = async (
    type: 'query' | 'mutation',
    path: string,
    input: unknown,
    token: string | undefined,
    statuses: number[],
  ) => {
    const before = await databaseDigest(test);
    const result = await call(type, path, input, token);
    const after = await databaseDigest(test);

    expect(statuses, `${path}: ${result.raw}`).toContain(result.status);
    expect(result.body.error?.message.length, path).toBeGreaterThan(10);
    expect(after, `${path} changed the database`).toBe(before);
  };

  beforeAll(async () => {
    test = await startTestServer(kind, { longPollMs: 50 });
    orgA = await createTestOrganization(test, 'Alpha tacos');
    orgB = await createTestOrganization(test, 'Bravo burgers');
    secondTruckA = await createPairedTruck(test, orgA.ownerToken, {
      name: 'Second truck',
      timezone: 'America/Chicago',
    });
  });
  afterAll(() => test?.close());

  it('no token gets 401 everywhere but public', async () => {
    for (const { path, type } of procedures) {
      if (permissions[path]!.access === 'public') continue;
      const input = sampleInputs[path]!(targetsOf(orgA));
      await expectRejected(type, path, input, undefined, [401]);
    }
  });

  it('device token gets 403 on owner procedures', async () => {
    for (const { path, type } of procedures) {
      const rule = permissions[path]!;
      if (rule.access !== 'token' || rule.callers.includes('device')) continue;
      const input = sampleInputs[path]!(targetsOf(orgA));
      await expectRejected(type, path, input, orgA.truck.deviceToken, [403]);
    }
  });

  it('owner token gets 403 on device procedures', async () => {
    for (const { path, type } of procedures) {
      const rule = permissions[path]!;
      if (rule.access !== 'token' || rule.callers.includes('owner')) continue;
      const input = sampleInputs[path]!(targetsOf(orgA));
      await expectRejected(type, path, input, orgA.ownerToken, [403]);
    }
  });

  it("owner A cannot reach organisation B's records", async () => {
    for (const { path, type } of procedures) {
      const rule = permissions[path]!;
      if (rule.access !== 'token' || !rule.callers.includes('owner')) continue;
      if (rule.targets.length === 0) continue;
      const input = sampleInputs[path]!(targetsOf(orgB));
      await expectRejected(type, path, input, orgA.ownerToken, [403, 404]);
    }
  });

  it("owner A cannot publish to B's truck", async () => {
    await expectRejected(
      'mutation',
      'menus.publish',
      {
        menuId: orgA.menuId,
        truckIds: [secondTruckA.truckId, orgB.truck.truckId],
      },
      orgA.ownerToken,
      [404],
    );
  });

  it('device of truck X cannot reach truck Y', async () => {
    for (const { path, type } of procedures) {
      const rule = permissions[path]!;
      if (rule.access !== 'token' || !rule.callers.includes('device')) continue;
      if (!rule.targets.some((target) => target.kind === 'truck')) continue;
      const sameOrg = sampleInputs[path]!({
        ...targetsOf(orgA),
        truckId: secondTruckA.truckId,
      });
      const otherOrg = sampleInputs[path]!(targetsOf(orgB));
      await expectRejected(type, path, sameOrg, orgA.truck.deviceToken, [403]);
      await expectRejected(type, path, otherOrg, orgA.truck.deviceToken, [403]);
    }
  });

  it('lists show only the caller organisation', async () => {
    const lists = {
      'trucks.list': orgB.truck.truckId,
      'menus.list': orgB.menuId,
      'staff.list': orgB.cashier.id,
    };
    for (const [path, foreignId] of Object.entries(lists)) {
      const result = await test.query(path, undefined, orgA.ownerToken);
      expect(result.status, path).toBe(200);
      expect(result.raw, path).not.toContain(foreignId);
    }
  });

  it('malformed target id is rejected by name', async () => {
    const result = await test.mutate(
      'trucks.rename',
      { truckId: 'not-a-uuid', name: 'X' },
      orgA.ownerToken,
    );

    expect(result.status).toBe(400);
    expect(result.body.error?.data.field).toBe('truckId');
  });
});
