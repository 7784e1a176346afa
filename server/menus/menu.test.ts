import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Menu } from '../../shared/menu.js';
import { fixtureMenu } from '../testing/order-snapshots.js';
import {
  signUpOwner,
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';

describe.each(storeKinds)('menu import on %s', (kind) => {
  let test: TestServer;
  let ownerToken: string;
  let truckId: string;

  const current = () =>
    test.ok<{ version: number; menu: Menu } | null>(
      'query',
      'menu.current',
      { truckId },
      ownerToken,
    );

  beforeAll(async () => {
    test = await startTestServer(kind);
    ownerToken = (await signUpOwner(test)).token;
    ({ truckId } = await test.ok<{ truckId: string }>(
      'mutation',
      'trucks.create',
      { name: 'Kebab van', timezone: 'Europe/Berlin' },
      ownerToken,
    ));
  });
  afterAll(() => test?.close());

  it('stores increasing immutable versions', async () => {
    const kebab = fixtureMenu('kebab-van');
    expect(await current()).toBeNull();

    const first = await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: kebab },
      ownerToken,
    );
    const second = await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: { ...kebab, name: 'Late night' } },
      ownerToken,
    );

    expect(first).toEqual({ version: 1 });
    expect(second).toEqual({ version: 2 });
    const active = await current();
    expect(active?.version).toBe(2);
    expect(active?.menu).toEqual({ ...kebab, name: 'Late night' });
  });

  it('invalid menu names the field and stores nothing', async () => {
    const before = await current();
    const broken = structuredClone(fixtureMenu('kebab-van'));
    broken.categories[0]!.items[1]!.price = -5;

    const result = await test.mutate(
      'menu.import',
      { truckId, menu: broken },
      ownerToken,
    );

    expect(result.status).toBe(400);
    expect(result.body.error?.data.field).toBe(
      'menu.categories.0.items.1.price',
    );
    expect(result.body.error?.message).toContain(
      'menu.categories.0.items.1.price',
    );
    expect(await current()).toEqual(before);
  });

  it('menu naming an unknown tax rate is rejected', async () => {
    const broken = structuredClone(fixtureMenu('kebab-van'));
    broken.categories[0]!.items[0]!.taxes = ['no-such-rate'];

    const result = await test.mutate(
      'menu.import',
      { truckId, menu: broken },
      ownerToken,
    );

    expect(result.status).toBe(400);
    expect(result.body.error?.data.field).toBe(
      'menu.categories.0.items.0.taxes.0',
    );
  });
});
