import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Database from 'better-sqlite3';
import pino from 'pino';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';

import { readSettings } from '../db/settings-store.js';
import type { TerminalCore, TerminalCoreOptions } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
} from '../testing/test-core.js';
import { revokedMessage } from './failure-messages.js';
import { readRecentAttempts, SyncAttemptLog } from './sync-attempts.js';
import { SyncEngine } from './sync-engine.js';

/**
 * The sync loop against a loopback HTTP server whose replies each test
 * scripts: replies with parts missing, errors of each kind, and failures
 * that only the log shows.
 */
interface Call {
  procedure: string;
  input: unknown;
  authorization: string | undefined;
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

type Script = (call: Call) => Reply | Promise<Reply>;

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const truck = {
  id: '0190a6d2-0000-7000-8000-0000000000aa',
  name: 'Scripted truck',
  timezone: 'America/New_York',
  businessDayCutoff: '00:00',
};

const tacoOrder = {
  lines: [{ sku: 'TACO-ASADA', quantity: 2, modifiers: ['SALSA-VERDE'] }],
  tender: { method: 'card' as const },
};

let server: Server;
let serverUrl: string;
let scripts: Record<string, Script>;
const calls: Call[] = [];
const opened: TerminalCore[] = [];

function data(value: unknown): Reply {
  return {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ result: { data: value } }),
  };
}

function trpcError(status: number, code: string, message: string): Reply {
  return {
    status,
    contentType: 'application/json',
    body: JSON.stringify({
      error: { message, code: -32_600, data: { code, httpStatus: status } },
    }),
  };
}

/** Replies of a healthy server, before a test replaces some. */
function healthyScripts(): Record<string, Script> {
  return {
    'sync.push': ({ input }) => {
      const { entries } = input as { entries: { id: string }[] };
      return data({
        results: entries.map(({ id }) => ({ id, status: 'stored' })),
        serverTime: new Date().toISOString(),
      });
    },
    'sync.pull': () =>
      data({
        cursor: '41',
        truck,
        menu: null,
        serverTime: new Date().toISOString(),
      }),
    'sync.reconcile': ({ input }) =>
      data({ ...(input as object), matches: true }),
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://127.0.0.1');
    const procedure = url.pathname.replace(/^\/trpc\//, '');
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', async () => {
      const raw =
        request.method === 'GET' ? url.searchParams.get('input') : body;
      const call: Call = {
        procedure,
        input: raw ? (JSON.parse(raw) as unknown) : undefined,
        authorization: request.headers.authorization,
      };
      calls.push(call);
      const script = scripts[procedure];
      const reply = script
        ? await script(call)
        : trpcError(404, 'NOT_FOUND', `No procedure ${procedure}`);
      response.writeHead(reply.status, { 'Content-Type': reply.contentType });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  scripts = healthyScripts();
  calls.length = 0;
});

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
  vi.useRealTimers();
});

function captureLogs() {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  );
  return { logger, lines };
}

/** Opens a core paired with the scripted server, with its sync loop off. */
function openCore(options: Partial<TerminalCoreOptions> = {}) {
  const core = openTestCore(options);
  opened.push(core);
  seedPairedTerminal(core, { serverUrl });
  return core;
}

function proceduresCalled(): string[] {
  return calls.map((call) => call.procedure);
}

function countCalls(procedure: string): number {
  return calls.filter((call) => call.procedure === procedure).length;
}

function logged(lines: LogLine[], msg: string): LogLine[] {
  return lines.filter((line) => line.msg === msg);
}

describe('sync engine against scripted replies', () => {
  it('stops flush on empty push results', async () => {
    const { logger, lines } = captureLogs();
    const core = openCore({ logger });
    await localCaller(core).orders.create(tacoOrder);
    await localCaller(core).orders.create(tacoOrder);
    scripts['sync.push'] = () =>
      data({ results: [], serverTime: new Date().toISOString() });

    const status = await core.sync.syncNow();

    expect(status.pending).toBe(2);
    expect(status.online).toBe(true);
    expect(status.lastError).toBeNull();
    // One push only, and no reconciliation while orders are pending.
    expect(proceduresCalled()).toEqual(['sync.push', 'sync.pull']);
    const warnings = logged(lines, 'push returned no result for the batch');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(warnings[0]!.sent).toBe(2);
    expect(readRecentAttempts(core.database.sqlite)[0]).toMatchObject({
      outcome: 'ok',
      pushed: 2,
      acked: 0,
      rejected: 0,
    });
  });

  it('rejects a pull reply without truck', async () => {
    const { logger, lines } = captureLogs();
    const core = openCore({ logger });
    await localCaller(core).orders.create(tacoOrder);
    scripts['sync.pull'] = () =>
      data({ cursor: '41', menu: null, serverTime: new Date().toISOString() });

    const status = await core.sync.syncNow();

    const message =
      'The reply to sync.pull is invalid at truck: Invalid input: expected object, received undefined.';
    expect(status.pending).toBe(0);
    expect(status.online).toBe(false);
    expect(status.lastError).toBe(
      `The server at ${serverUrl} sent a reply this terminal cannot read (${message}) ` +
        'Check that the server and this app are compatible versions. Orders stay queued and sync retries by itself.',
    );
    const failures = logged(lines, 'sync failed, retrying');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.level).toBe(50);
    expect(failures[0]!.error).toBe(message);
    expect(readRecentAttempts(core.database.sqlite)[0]).toMatchObject({
      outcome: 'failed',
      pushed: 1,
      acked: 1,
      httpStatus: null,
      error: message,
    });
    expect(readSettings(core.database.db).pullCursor).toBe('0');
  });

  it('shows a rejected request with its status', async () => {
    const { logger, lines } = captureLogs();
    const core = openCore({ logger });
    await localCaller(core).orders.create(tacoOrder);
    scripts['sync.push'] = () =>
      trpcError(400, 'BAD_REQUEST', 'entries.0.kind is invalid.');

    const status = await core.sync.syncNow();

    expect(status.pending).toBe(1);
    expect(status.online).toBe(false);
    expect(status.lastError).toBe(
      `The server at ${serverUrl} rejected the sync request with HTTP 400: entries.0.kind is invalid.`,
    );
    const failures = logged(lines, 'sync failed, retrying');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.level).toBe(40);
    expect(failures[0]!.status).toBe(400);
    expect(readRecentAttempts(core.database.sqlite)[0]).toMatchObject({
      outcome: 'failed',
      pushed: 1,
      acked: 0,
      httpStatus: 400,
    });
  });

  it('stops on a proxy 401 page', async () => {
    const { logger, lines } = captureLogs();
    const core = openCore({ logger });
    await localCaller(core).orders.create(tacoOrder);
    scripts['sync.push'] = () => ({
      status: 401,
      contentType: 'text/html',
      body: '<h1>Authorization required</h1>',
    });

    const status = await core.sync.syncNow();

    expect(status.lastError).toBe(revokedMessage);
    expect(status.nextAttemptAt).toBeNull();
    expect(status.pending).toBe(1);
    const stops = logged(lines, 'sync stopped: device token rejected');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.level).toBe(50);
    expect(stops[0]!.status).toBe(401);
  });

  it('logs reconciliation failures once', async () => {
    const { logger, lines } = captureLogs();
    const core = openCore({ logger });
    await localCaller(core).orders.create(tacoOrder);
    const first = await core.sync.syncNow();
    scripts['sync.reconcile'] = () =>
      trpcError(500, 'INTERNAL_SERVER_ERROR', 'database is down');

    const second = await core.sync.syncNow();
    const third = await core.sync.syncNow();

    expect(first.reconciliation?.state).toBe('reconciled');
    expect(second.reconciliation).toEqual(first.reconciliation);
    expect(third.reconciliation).toEqual(first.reconciliation);
    expect(third.online).toBe(true);
    expect(third.lastError).toBeNull();
    expect(
      proceduresCalled().filter((procedure) => procedure === 'sync.reconcile'),
    ).toHaveLength(3);
    const warnings = logged(
      lines,
      'reconciliation failed, checking again after the next sync',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(warnings[0]!.suppressedRepeats).toBe(0);
    expect((warnings[0]!.err as { message: string }).message).toBe(
      'database is down',
    );
  });

  it('reconciles only after ack or pull', async () => {
    const core = openCore();
    scripts['sync.push'] = ({ input }) => {
      const { entries } = input as { entries: { id: string }[] };
      return data({
        results: entries.map(({ id }) => ({
          id,
          status: 'rejected',
          error: { code: 'INVALID', message: 'The total is wrong.' },
        })),
        serverTime: new Date().toISOString(),
      });
    };
    core.sync.start();
    await core.sync.syncNow();
    const before = proceduresCalled();

    // The order nudges a cycle with no pull due, whose push acks nothing.
    await localCaller(core).orders.create(tacoOrder);
    await core.sync.stop();

    expect(before).toEqual([
      'sync.pull',
      'sync.reconcile',
      'sync.pull',
      'sync.reconcile',
    ]);
    expect(proceduresCalled().slice(before.length)).toEqual(['sync.push']);
    expect(core.sync.status().rejected).toBe(1);
  });

  it('rejects a pull with unreadable server time', async () => {
    const core = openCore();
    const aheadMs = 30_000;
    scripts['sync.pull'] = () =>
      data({
        cursor: '41',
        truck,
        menu: null,
        serverTime: new Date(Date.now() + aheadMs).toISOString(),
      });
    const measured = (await core.sync.syncNow()).clockSkewMs!;
    scripts['sync.pull'] = () =>
      data({ cursor: '42', truck, menu: null, serverTime: 'soon' });

    const status = await core.sync.syncNow();

    expect(Math.abs(measured - aheadMs)).toBeLessThan(1_000);
    expect(status.clockSkewMs).toBe(measured);
    expect(status.clockWarning).toBe(false);
    expect(status.lastError).toMatch(
      /sent a reply this terminal cannot read \(The reply to sync\.pull is invalid at serverTime: /,
    );
    expect(readSettings(core.database.db).clockSkewMs).toBe(measured);
    // Nothing of the invalid reply is kept, not even its cursor.
    expect(readSettings(core.database.db).pullCursor).toBe('41');
  });

  it('sync now pulls after in-flight pull', async () => {
    const core = openCore();
    let pullArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (pullArrived = resolve));
    let releasePull!: () => void;
    const released = new Promise<void>((resolve) => (releasePull = resolve));
    const pullAt = (cursor: string) =>
      data({ cursor, truck, menu: null, serverTime: new Date().toISOString() });
    scripts['sync.pull'] = async () => {
      scripts['sync.pull'] = () => pullAt('42');
      pullArrived();
      await released;
      return pullAt('41');
    };

    core.sync.start();
    await arrived;
    // The server replies to the first pull only after syncNow was called.
    const syncing = core.sync.syncNow();
    releasePull();
    await syncing;

    expect(countCalls('sync.pull')).toBe(2);
    expect(readSettings(core.database.db).pullCursor).toBe('42');
  });

  it('syncs with a read-only attempt log', async () => {
    const { logger, lines } = captureLogs();
    const core = openCore();
    await localCaller(core).orders.create(tacoOrder);
    const readOnly = new Database(core.database.sqlite.name, {
      readonly: true,
    });
    // No client factory and no options: the engine's own defaults.
    const engine = new SyncEngine({
      db: core.database.db,
      outbox: core.outbox,
      logger,
      attempts: new SyncAttemptLog(readOnly),
    });

    try {
      const status = await engine.syncNow();

      expect(status.online).toBe(true);
      expect(status.pending).toBe(0);
      expect(status.lastError).toBeNull();
      expect(proceduresCalled()).toEqual(['sync.push', 'sync.pull']);
      expect(calls.map((call) => call.authorization)).toEqual([
        'Bearer test-device-token',
        'Bearer test-device-token',
      ]);
      expect(readSettings(core.database.db)).toMatchObject({
        pullCursor: '41',
        truckName: 'Scripted truck',
      });
      const warnings = logged(lines, 'recording the sync attempt failed');
      expect(warnings).toHaveLength(1);
      expect((warnings[0]!.err as { message: string }).message).toBe(
        'attempt to write a readonly database',
      );
      expect(readRecentAttempts(core.database.sqlite)).toEqual([]);
    } finally {
      await engine.stop();
      readOnly.close();
    }
  });
});

describe('sync engine timers', () => {
  const intervalMs = 60_000;

  /**
   * Fakes only the pull interval, so the test decides when it fires while
   * requests, retries and the database run for real.
   */
  function openTimedCore(options: Partial<TerminalCoreOptions> = {}) {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    return openCore({
      ...options,
      sync: {
        pullIntervalMs: intervalMs,
        baseBackoffMs: 60_000,
        maxBackoffMs: 60_000,
        random: () => 0.5,
        ...options.sync,
      },
    });
  }

  it('pulls again each pull interval', async () => {
    const core = openTimedCore();
    core.sync.start();
    await core.sync.syncNow();
    const pullsBefore = countCalls('sync.pull');

    vi.advanceTimersByTime(intervalMs);
    await core.sync.stop();

    expect(pullsBefore).toBe(2);
    expect(countCalls('sync.pull')).toBe(3);
  });

  it('ignores a second start', async () => {
    const core = openTimedCore();

    core.sync.start();
    core.sync.start();
    await core.sync.syncNow();
    await core.sync.stop();

    expect(readRecentAttempts(core.database.sqlite)).toHaveLength(2);
    expect(countCalls('sync.pull')).toBe(2);
  });

  it('holds orders and pulls until the retry', async () => {
    const { logger, lines } = captureLogs();
    const core = openTimedCore({ logger });
    scripts['sync.pull'] = () => ({
      status: 503,
      contentType: 'text/plain',
      body: 'maintenance',
    });
    core.sync.start();
    const failed = await core.sync.syncNow();
    const retryAt = failed.nextAttemptAt;

    await localCaller(core).orders.create(tacoOrder);
    const afterOrder = core.sync.status().nextAttemptAt;
    vi.advanceTimersByTime(intervalMs);
    const afterInterval = core.sync.status().nextAttemptAt;
    await core.sync.stop();

    expect(retryAt).not.toBeNull();
    expect(afterOrder).toBe(retryAt);
    expect(afterInterval).toBe(retryAt);
    expect(proceduresCalled()).toEqual(['sync.pull', 'sync.pull']);
    expect(core.sync.status().pending).toBe(1);
    const failures = logged(lines, 'sync failed, retrying');
    expect(failures.map((line) => [line.level, line.failures])).toEqual([
      [40, 1],
      [20, 2],
    ]);
    expect(failures.map((line) => line.retryInMs)).toEqual([30_000, 30_000]);
  });

  it('stays stopped after 401 until syncNow', async () => {
    const core = openTimedCore();
    scripts['sync.pull'] = () =>
      trpcError(401, 'UNAUTHORIZED', 'This device was unpaired.');
    core.sync.start();
    const revoked = await core.sync.syncNow();

    await localCaller(core).orders.create(tacoOrder);
    vi.advanceTimersByTime(intervalMs);
    await core.sync.stop();
    const callsWhileRevoked = proceduresCalled();
    scripts = healthyScripts();
    const resumed = await core.sync.syncNow();

    expect(revoked.lastError).toBe(
      `${revokedMessage} The server's reason: This device was unpaired.`,
    );
    expect(revoked.nextAttemptAt).toBeNull();
    expect(callsWhileRevoked).toEqual(['sync.pull', 'sync.pull']);
    expect(resumed.lastError).toBeNull();
    expect(resumed.pending).toBe(0);
  });
});
