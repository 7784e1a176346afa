import { setTimeout as delay } from 'node:timers/promises';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { PullOutput, WaitForChangeOutput } from '../../shared/sync.js';
import { InProcessChangeFeed } from '../changes/change-feed.js';
import { nextChangeSeq } from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { trucks } from '../db/schema.js';
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
import type { DevicePrincipal } from '../trucks/devices.js';
import { waitForChange } from './wait-for-change.js';

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

/**
 * An in-process feed that runs `onSubscribe` with each new listener. The
 * wait starts its first check right after subscribing, so a microtask
 * queued by `onSubscribe` runs while that check is still reading.
 */
class ObservedFeed extends InProcessChangeFeed {
  onSubscribe: (listener: () => void) => void = () => undefined;

  listenerCount(organizationId: string): number {
    return this.emitter.listenerCount(organizationId);
  }

  override subscribe(organizationId: string, listener: () => void) {
    const unsubscribe = super.subscribe(organizationId, listener);
    this.onSubscribe(listener);
    return unsubscribe;
  }
}

/**
 * Wraps `db` so that every query started with `select` runs `afterRead`
 * after the database returned its rows and before the caller gets them.
 * Everything else goes to `db` unchanged.
 */
function withHookAfterSelect(
  db: Database,
  afterRead: () => Promise<void>,
): Database {
  const wrapQuery = (query: object): object =>
    new Proxy(query, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property === 'then') {
          return (
            onResolved: (rows: unknown) => unknown,
            onRejected: (error: unknown) => unknown,
          ) =>
            (target as PromiseLike<unknown>)
              .then(async (rows) => {
                await afterRead();
                return rows;
              })
              .then(onResolved, onRejected);
        }
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          return typeof result === 'object' && result !== null
            ? wrapQuery(result)
            : result;
        };
      },
    });

  return new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'select') {
        return (...args: Parameters<Database['select']>) =>
          wrapQuery(target.select(...args));
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('waitForChange called directly', () => {
  let test: TestServer;
  let org: TestOrganization;
  let device: DevicePrincipal;
  let feed: ObservedFeed;

  const currentCursor = async () =>
    (
      await test.ok<PullOutput>(
        'query',
        'sync.pull',
        { cursor: '0' },
        org.truck.deviceToken,
      )
    ).cursor;
  const wait = (params: {
    cursor: string;
    signal?: AbortSignal;
    truckId?: string;
  }) =>
    waitForChange({
      db: test.server.database.db,
      changes: feed,
      device: { ...device, truckId: params.truckId ?? device.truckId },
      cursor: params.cursor,
      timeoutMs: 10_000,
      signal: params.signal,
    });

  beforeAll(async () => {
    test = await startTestServer('pglite');
    org = await createTestOrganization(test, 'Direct tacos');
    device = {
      kind: 'device',
      deviceId: org.truck.deviceId,
      truckId: org.truck.truckId,
      organizationId: org.organizationId,
      slot: org.truck.slot,
    };
  });
  beforeEach(() => {
    feed = new ObservedFeed();
  });
  afterAll(() => test?.close());

  it('aborted signal returns false at once', async () => {
    const controller = new AbortController();
    controller.abort();

    expect(await wait({ cursor: '1', signal: controller.signal })).toBe(false);
    expect(feed.listenerCount(org.organizationId)).toBe(0);
  });

  it('closed feed returns false at once', async () => {
    await feed.close();

    expect(await wait({ cursor: '1' })).toBe(false);
  });

  it('abort during the wait returns false', async () => {
    const controller = new AbortController();
    const subscribed = new Promise<void>((resolve) => {
      feed.onSubscribe = () => resolve();
    });
    const waiting = wait({
      cursor: await currentCursor(),
      signal: controller.signal,
    });
    await subscribed;
    controller.abort();

    expect(await waiting).toBe(false);
    expect(feed.listenerCount(org.organizationId)).toBe(0);
  });

  it('abort wins over a change the first check finds', async () => {
    const controller = new AbortController();
    feed.onSubscribe = () => queueMicrotask(() => controller.abort());

    // Cursor 1 is behind the organisation's changes, so the first check
    // finds one, but only after the abort.
    expect(await wait({ cursor: '1', signal: controller.signal })).toBe(false);
  });

  it('notification during a check triggers a recheck', async () => {
    const { db } = test.server.database;
    let firstRead = true;
    let listener: () => void = () => undefined;
    feed.onSubscribe = (subscribed) => {
      listener = subscribed;
    };
    // Between the first read and the moment the wait gets its result, a
    // change commits and its notification arrives. Nothing publishes
    // after that, so only a second read can find the change.
    const afterRead = async () => {
      if (!firstRead) return;
      firstRead = false;
      await db
        .update(trucks)
        .set({ infoChangeSeq: nextChangeSeq })
        .where(eq(trucks.id, device.truckId));
      listener();
    };

    const changed = await waitForChange({
      db: withHookAfterSelect(db, afterRead),
      changes: feed,
      device,
      cursor: await currentCursor(),
      timeoutMs: 10_000,
    });

    expect(changed).toBe(true);
    expect(firstRead).toBe(false);
    expect(feed.listenerCount(org.organizationId)).toBe(0);
  });

  it('abort with a recheck pending returns false', async () => {
    const controller = new AbortController();
    feed.onSubscribe = (listener) =>
      queueMicrotask(() => {
        listener();
        controller.abort();
      });

    const changed = await wait({
      cursor: await currentCursor(),
      signal: controller.signal,
    });

    expect(changed).toBe(false);
    expect(feed.listenerCount(org.organizationId)).toBe(0);
  });

  it('failed read rejects the wait', async () => {
    const waiting = wait({ cursor: '0', truckId: 'not-a-uuid' });

    await expect(waiting).rejects.toMatchObject({
      cause: { message: 'invalid input syntax for type uuid: "not-a-uuid"' },
    });
    expect(feed.listenerCount(org.organizationId)).toBe(0);
  });

  it('failed read after an abort returns false', async () => {
    const controller = new AbortController();
    feed.onSubscribe = () => queueMicrotask(() => controller.abort());

    const changed = await wait({
      cursor: '0',
      truckId: 'not-a-uuid',
      signal: controller.signal,
    });

    expect(changed).toBe(false);
  });
});
