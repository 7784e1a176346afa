import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PullOutput, WaitForChangeOutput } from '../../shared/sync.js';
import {
  createTestOrganization,
  type TestOrganization,
} from '../testing/organization-fixture.js';
import { fixtureMenu } from '../testing/order-snapshots.js';
import {
  startTestServer,
  storeKinds,
  type TestServer,
} from '../testing/test-server.js';

describe.each(storeKinds)('sync.waitForChange on %s', (kind) => {
  let test: TestServer;
  let org: TestOrganization;

  const currentCursor = async () =>
    (
      await test.ok<PullOutput>(
        'query',
        'sync.pull',
        { cursor: '0' },
        org.truck.deviceToken,
      )
    ).cursor;
  const wait = (cursor: string) =>
    test.ok<WaitForChangeOutput>(
      'query',
      'sync.waitForChange',
      { cursor },
      org.truck.deviceToken,
    );

  /**
   * Starts a wait, lets it reach its subscription, runs `change`, and
   * returns its result with the milliseconds from the change to it.
   */
  const waitAcross = async (change: () => Promise<unknown>) => {
    const cursor = await currentCursor();
    const waiting = wait(cursor);
    await delay(300);
    const changedAt = performance.now();
    await change();
    const answer = await waiting;
    return { answer, latencyMs: performance.now() - changedAt };
  };

  beforeAll(async () => {
    test = await startTestServer(kind, { longPollMs: 15_000 });
    org = await createTestOrganization(test, 'Waiting tacos');
  });
  afterAll(() => test?.close());

  it('a publish wakes a waiting call within a second', async () => {
    const { answer, latencyMs } = await waitAcross(async () => {
      await test.ok(
        'mutation',
        'menus.saveDraft',
        {
          menuId: org.menuId,
          menu: { ...fixtureMenu('taco-truck'), name: 'Night' },
        },
        org.ownerToken,
      );
      await test.ok(
        'mutation',
        'menus.publish',
        { menuId: org.menuId, truckIds: [org.truck.truckId] },
        org.ownerToken,
      );
    });

    expect(answer.changed).toBe(true);
    expect(latencyMs).toBeLessThan(1000);
  });

  it('a staff change wakes it too', async () => {
    const { answer } = await waitAcross(() =>
      test.ok(
        'mutation',
        'staff.setPin',
        { staffId: org.cashier.id, pin: '8642' },
        org.ownerToken,
      ),
    );

    expect(answer.changed).toBe(true);
  });

  it('an old cursor answers at once', async () => {
    const answer = await wait('1');

    expect(answer.changed).toBe(true);
  });
});

describe('sync.waitForChange timeout', () => {
  let test: TestServer;
  let org: TestOrganization;

  beforeAll(async () => {
    test = await startTestServer('pglite', { longPollMs: 200 });
    org = await createTestOrganization(test, 'Quiet tacos');
  });
  afterAll(() => test?.close());

  it('answers changed false without changes', async () => {
    const { cursor } = await test.ok<PullOutput>(
      'query',
      'sync.pull',
      { cursor: '0' },
      org.truck.deviceToken,
    );
    const answer = await test.ok<WaitForChangeOutput>(
      'query',
      'sync.waitForChange',
      { cursor },
      org.truck.deviceToken,
    );

    expect(answer.changed).toBe(false);
  });

  it('ignores changes of other organisations', async () => {
    const other = await createTestOrganization(test, 'Busy tacos');
    const { cursor } = await test.ok<PullOutput>(
      'query',
      'sync.pull',
      { cursor: '0' },
      org.truck.deviceToken,
    );
    const waiting = test.ok<WaitForChangeOutput>(
      'query',
      'sync.waitForChange',
      { cursor },
      org.truck.deviceToken,
    );
    await test.ok(
      'mutation',
      'staff.create',
      { name: 'Elsewhere', role: 'staff', pin: '5555' },
      other.ownerToken,
    );

    expect((await waiting).changed).toBe(false);
  });
});
