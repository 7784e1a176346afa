import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Menu } from '../../shared/menu.js';
import type { PullOutput } from '../../shared/sync.js';
import { databaseDigest } from '../testing/organization-fixture.js';
import { fixtureMenu } from '../testing/order-snapshots.js';
import {
  createPairedTruck,
  signUpOwner,
  startTestServer,
  storeKinds,
  type PairedTruck,
  type TestServer,
} from '../testing/test-server.js';
import type { MenuDraft, MenuListEntry } from './drafts.js';
import type { PublishResult } from './publish.js';

describe.each(storeKinds)('menu drafts on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;
  let first: PairedTruck;
  let second: PairedTruck;
  let menuId: string;

  const draft = () =>
    test.ok<MenuDraft>('query', 'menus.getDraft', { menuId }, ownerToken);
  const publish = (truckIds: string[]) =>
    test.mutate<PublishResult>(
      'menus.publish',
      { menuId, truckIds },
      ownerToken,
    );
  const pull = (truck: PairedTruck, cursor = '0') =>
    test.ok<PullOutput>('query', 'sync.pull', { cursor }, truck.deviceToken);

  beforeAll(async () => {
    test = await startTestServer(kind);
    ownerToken = (await signUpOwner(test, 'Draft foods')).token;
    first = await createPairedTruck(test, ownerToken);
    second = await createPairedTruck(test, ownerToken, {
      name: 'Second',
      timezone: 'America/Toronto',
    });
    const created = await test.ok<MenuDraft>(
      'mutation',
      'menus.create',
      { name: 'Lunch', currency: 'CAD' },
      ownerToken,
    );
    menuId = created.menuId;
  });
  afterAll(() => test?.close());

  it('create starts a one-category draft', async () => {
    const current = await draft();

    expect(current.revision).toBe(1);
    expect(current.menu).toEqual({
      format: 'galley.menu.v1',
      name: 'Lunch',
      currency: 'CAD',
      taxMode: 'exclusive',
      taxRates: [],
      modifierGroups: [],
      categories: [{ id: 'menu', name: 'Menu', items: [] }],
    });
  });

  it('saveDraft rejects a stale revision', async () => {
    const poutine = fixtureMenu('poutine-truck');
    const saved = await test.ok<MenuDraft>(
      'mutation',
      'menus.saveDraft',
      { menuId, menu: poutine, expectedRevision: 1 },
      ownerToken,
    );
    const stale = await test.mutate(
      'menus.saveDraft',
      { menuId, menu: { ...poutine, name: 'Lost' }, expectedRevision: 1 },
      ownerToken,
    );

    expect(saved.revision).toBe(2);
    expect(stale.status).toBe(409);
    expect(stale.body.error?.data.field).toBe('expectedRevision');
    expect((await draft()).menu).toEqual(poutine);
  });

  it('bad drafts name the field and save nothing', async () => {
    const base = fixtureMenu('poutine-truck');
    const duplicateSku = structuredClone(base);
    duplicateSku.categories[0]!.items[1]!.sku =
      duplicateSku.categories[0]!.items[0]!.sku;
    const minAboveMax = structuredClone(base);
    minAboveMax.modifierGroups[1]!.min = 5;
    minAboveMax.modifierGroups[1]!.max = 4;
    const fractionalPrice = structuredClone(base);
    fractionalPrice.categories[0]!.items[0]!.price = 9.5;
    const otherFormat = { ...structuredClone(base), format: 'square.v2' };

    const cases: [unknown, string, string][] = [
      [duplicateSku, 'menu.categories.0.items.1.sku', 'duplicate item SKU'],
      [minAboveMax, 'menu.modifierGroups.1.min', 'min must not be above max'],
      [
        fractionalPrice,
        'menu.categories.0.items.0.price',
        'whole number of minor units',
      ],
      [otherFormat, 'menu.format', 'must be "galley.menu.v1"'],
    ];
    for (const [menu, field, message] of cases) {
      const before = await databaseDigest(test);
      const result = await test.mutate(
        'menus.saveDraft',
        { menuId, menu },
        ownerToken,
      );

      expect(result.status, field).toBe(400);
      expect(result.body.error?.data.field).toBe(field);
      expect(result.body.error?.message).toContain(message);
      expect(await databaseDigest(test)).toBe(before);
    }
  });

  it('publish assigns one version to both trucks', async () => {
    const result = await publish([first.truckId, second.truckId]);

    expect(result.status).toBe(200);
    expect(result.body.result!.data).toEqual({
      menuId,
      version: 1,
      trucks: [
        { truckId: first.truckId, truckMenuVersion: 1, changed: true },
        { truckId: second.truckId, truckMenuVersion: 1, changed: true },
      ],
    });
    for (const truck of [first, second]) {
      const pulled = await pull(truck);
      expect(pulled.menu?.version).toBe(1);
      expect(pulled.menu?.menu).toEqual(fixtureMenu('poutine-truck'));
    }
  });

  it('publishing an unchanged draft changes nothing', async () => {
    const before = await databaseDigest(test);
    const again = await publish([first.truckId, second.truckId]);

    expect(again.body.result!.data.version).toBe(1);
    expect(
      again.body.result!.data.trucks.map((truck) => truck.changed),
    ).toEqual([false, false]);
    expect(await databaseDigest(test)).toBe(before);
  });

  it('an edited draft publishes as version 2', async () => {
    const { cursor } = await pull(second);
    const edited: Menu = { ...fixtureMenu('poutine-truck'), name: 'Supper' };
    await test.ok(
      'mutation',
      'menus.saveDraft',
      { menuId, menu: edited },
      ownerToken,
    );
    const result = (await publish([second.truckId])).body.result!.data;

    expect(result.version).toBe(2);
    expect(result.trucks).toEqual([
      { truckId: second.truckId, truckMenuVersion: 2, changed: true },
    ]);
    expect((await pull(second, cursor)).menu?.menu.name).toBe('Supper');
    expect((await pull(first)).menu?.menu.name).toBe(
      fixtureMenu('poutine-truck').name,
    );

    const listed = await test.ok<MenuListEntry[]>(
      'query',
      'menus.list',
      undefined,
      ownerToken,
    );
    const entry = listed.find((menu) => menu.id === menuId)!;
    expect(entry.name).toBe('Supper');
    expect(entry.latestVersion?.version).toBe(2);
    expect(entry.trucks.map((truck) => truck.publishedVersion)).toEqual([1, 2]);
  });

  it('publish to a retired truck changes no truck', async () => {
    const retired = await createPairedTruck(test, ownerToken);
    await test.ok(
      'mutation',
      'trucks.retire',
      { truckId: retired.truckId },
      ownerToken,
    );
    await test.ok(
      'mutation',
      'menus.saveDraft',
      { menuId, menu: { ...fixtureMenu('poutine-truck'), name: 'Never' } },
      ownerToken,
    );
    const before = await databaseDigest(test);
    const result = await publish([first.truckId, retired.truckId]);

    expect(result.status).toBe(409);
    expect(result.body.error?.data.field).toBe('truckIds.1');
    expect(await databaseDigest(test)).toBe(before);
  });

  it.each(['json', 'csv'] as const)(
    'export and importFile round-trip %s',
    async (format) => {
      const exported = await test.ok<{ content: string; fileName: string }>(
        'query',
        'menus.export',
        { menuId, format, version: 2 },
        ownerToken,
      );
      const imported = await test.ok<MenuDraft>(
        'mutation',
        'menus.importFile',
        { format, content: exported.content },
        ownerToken,
      );
      const again = await test.ok<{ content: string }>(
        'query',
        'menus.export',
        { menuId: imported.menuId, format },
        ownerToken,
      );

      expect(exported.fileName).toBe(`supper-v2.${format}`);
      expect(imported.menu).toEqual({
        ...fixtureMenu('poutine-truck'),
        name: 'Supper',
      });
      expect(again.content).toBe(exported.content);
    },
  );

  it('invalid CSV file saves nothing', async () => {
    const exported = await test.ok<{ content: string }>(
      'query',
      'menus.export',
      { menuId, format: 'csv' },
      ownerToken,
    );
    const broken = exported.content.replace(
      /\r\nitem,([^,]*),/,
      '\r\nitem,nowhere,',
    );
    const before = await databaseDigest(test);
    const result = await test.mutate(
      'menus.importFile',
      { format: 'csv', content: broken },
      ownerToken,
    );

    expect(result.status).toBe(400);
    expect(result.body.error?.data.field).toMatch(/^row \d+\.parent$/);
    expect(await databaseDigest(test)).toBe(before);
  });

  it('menu.import still versions one truck', async () => {
    const truck = await createPairedTruck(test, ownerToken);
    const kebab = fixtureMenu('kebab-van');
    const one = await test.ok(
      'mutation',
      'menu.import',
      { truckId: truck.truckId, menu: kebab },
      ownerToken,
    );
    const two = await test.ok(
      'mutation',
      'menu.import',
      { truckId: truck.truckId, menu: { ...kebab, name: 'Late' } },
      ownerToken,
    );

    expect(one).toEqual({ version: 1 });
    expect(two).toEqual({ version: 2 });
    const listed = await test.ok<MenuListEntry[]>(
      'query',
      'menus.list',
      undefined,
      ownerToken,
    );
    const late = listed.filter((menu) => menu.name === 'Late');
    expect(late).toHaveLength(1);
    expect(late[0]!.trucks.map((entry) => entry.truckId)).toEqual([
      truck.truckId,
    ]);
  });
});
