import { TRPCClientError } from '@trpc/client';
import pino, { type Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The test runs the real server in process. The core itself still imports
// only types from server/, which is what the lint rule guards.
// eslint-disable-next-line no-restricted-imports
import {
  signUpOwner,
  startTestServer,
  type TestServer,
} from '../../../server/testing/test-server.js';
import type { WaitForChangeOutput } from '../../../shared/sync.js';
import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import { eventually } from '../../../test/support/processes.js';
import { readSettings } from '../db/settings-store.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  localCaller,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  silentLogger,
} from '../testing/test-core.js';
import { ChangeListener } from './change-listener.js';

/**
 * The long-poll loop, first with a scripted server where each call to
 * waitForChange takes the next step of the script, then against the real
 * server in process.
 */
const opened: TerminalCore[] = [];

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
});

type Step = WaitForChangeOutput | Error | 'hang';

interface LogLine {
  level: number;
  msg: string;
  failures?: number;
  retryInMs?: number;
  err?: { message: string };
}

/** Creates a debug-level logger that keeps each line it writes, parsed. */
function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  );
  return { logger, lines };
}

function scriptedListener(
  steps: Step[],
  options: { logger?: Logger; paired?: boolean } = {},
) {
  const core = openTestCore();
  opened.push(core);
  if (options.paired !== false) seedPairedTerminal(core);
  const calls: string[] = [];
  let syncs = 0;
  let finished: () => void = () => {};
  const scriptDone = new Promise<void>((resolve) => (finished = resolve));

  const listener = new ChangeListener(
    {
      db: core.database.db,
      logger: options.logger ?? silentLogger,
      syncNow: async () => {
        syncs += 1;
      },
      waitForChange: (_url, _token, cursor, signal) => {
        calls.push(cursor);
        const step = steps.shift();
        if (steps.length === 0) finished();
        if (step === undefined || step === 'hang') {
          return new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          );
        }
        return step instanceof Error
          ? Promise.reject(step)
          : Promise.resolve(step);
      },
    },
    { maxRetryDelayMs: 1, unpairedCheckMs: 1 },
  );
  return { core, listener, calls, syncs: () => syncs, scriptDone };
}

const serverTime = '2026-06-01T16:00:00.000Z';

describe('ChangeListener', () => {
  it('syncs on a change and after a reconnect', async () => {
    const script = scriptedListener([
      { changed: false, serverTime },
      { changed: true, serverTime },
      new Error('connection refused'),
      { changed: false, serverTime },
      'hang',
    ]);
    script.listener.start();
    await script.scriptDone;
    await script.listener.stop();

    expect(script.calls).toEqual(['0', '0', '0', '0', '0']);
    // One sync for the change and one for the first response after the failure.
    expect(script.syncs()).toBe(2);
  });

  it('stops on a rejected device token', async () => {
    const unauthorized = new TRPCClientError('revoked', {
      result: {
        error: {
          code: -32001,
          message: 'revoked',
          data: { code: 'UNAUTHORIZED', httpStatus: 401 },
        },
      },
    });
    const script = scriptedListener([
      unauthorized,
      { changed: true, serverTime },
    ]);
    script.listener.start();
    // Retries wait 1 ms here, so a listener that kept going would call again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await script.listener.stop();

    expect(script.calls).toHaveLength(1);
    expect(script.syncs()).toBe(0);
  });

  it('starts one loop at a time', async () => {
    const script = scriptedListener(['hang', 'hang']);

    // The loop sends its first request before start() returns.
    script.listener.start();
    script.listener.start();
    expect(script.calls).toHaveLength(1);

    await script.listener.stop();
    script.listener.start();
    expect(script.calls).toHaveLength(2);
    await script.listener.stop();
  });

  it('logs repeated failures at debug', async () => {
    const { logger, lines } = capturingLogger();
    const script = scriptedListener(
      [
        new Error('connection refused'),
        new Error('connection reset'),
        { changed: false, serverTime },
        'hang',
      ],
      { logger },
    );
    script.listener.start();
    await script.scriptDone;
    await script.listener.stop();

    // With a maximum retry delay of 1 ms, full jitter always waits 0 ms.
    expect(
      lines.map(({ level, msg, failures, retryInMs, err }) => ({
        level,
        msg,
        failures,
        retryInMs,
        error: err?.message,
      })),
    ).toEqual([
      {
        level: 40,
        msg: 'change listener failed, retrying',
        failures: 1,
        retryInMs: 0,
        error: 'connection refused',
      },
      {
        level: 20,
        msg: 'change listener failed, retrying',
        failures: 2,
        retryInMs: 0,
        error: 'connection reset',
      },
      {
        level: 30,
        msg: 'change listener reconnected',
        failures: 2,
        retryInMs: undefined,
        error: undefined,
      },
    ]);
    expect(script.syncs()).toBe(1);
  });

  it('waits until the terminal is paired', async () => {
    const script = scriptedListener([{ changed: true, serverTime }, 'hang'], {
      paired: false,
    });
    script.listener.start();
    expect(script.calls).toEqual([]);

    seedPairedTerminal(script.core);
    await script.scriptDone;
    await script.listener.stop();

    expect(script.calls).toEqual(['0', '0']);
    expect(script.syncs()).toBe(1);
  });
});

describe('ChangeListener against the server', () => {
  let test: TestServer;
  let serverUrl: string;
  let ownerToken: string;
  const tacoMenu = loadFixtureMenu('taco-truck') as {
    categories: { items: { sku: string; price: number }[] }[];
  };

  beforeAll(async () => {
    // Long polls end after 300 ms, so a revoked token shows up quickly.
    test = await startTestServer('postgres', { longPollMs: 300 });
    serverUrl = await test.server.listen(0, '127.0.0.1');
    ownerToken = (await signUpOwner(test, 'Listening Tacos')).token;
  });
  afterAll(() => test?.close());

  /** Pairs a new core with a new truck that has the taco menu. */
  async function pairedCore(logger: Logger) {
    const { truckId, pairingCode } = await test.ok<{
      truckId: string;
      pairingCode: string;
    }>(
      'mutation',
      'trucks.create',
      { name: 'Taco truck', timezone: 'America/New_York' },
      ownerToken,
    );
    await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: tacoMenu },
      ownerToken,
    );
    const core = openTestCore({
      serverUrl,
      logger,
      changeListener: { maxRetryDelayMs: 50 },
    });
    opened.push(core);
    await localCaller(core).setup.pair({ pairingCode });
    return { core, truckId };
  }

  function tacoPrice(core: TerminalCore): number | undefined {
    return core
      .currentMenu()
      ?.menu.categories.flatMap((category) => category.items)
      .find((item) => item.sku === 'TACO-ASADA')?.price;
  }

  it('pulls a menu the owner publishes', async () => {
    const { core, truckId } = await pairedCore(silentLogger);
    expect(core.currentMenu()?.version).toBe(1);
    core.changeListener.start();

    const repriced = structuredClone(tacoMenu);
    repriced.categories
      .flatMap((category) => category.items)
      .find((item) => item.sku === 'TACO-ASADA')!.price = 475;
    await test.ok(
      'mutation',
      'menu.import',
      { truckId, menu: repriced },
      ownerToken,
    );

    await eventually('menu version 2 on the terminal', async () => {
      return core.currentMenu()?.version === 2;
    });
    await core.changeListener.stop();
    expect(tacoPrice(core)).toBe(475);
  });

  it('stops when the owner revokes the device', async () => {
    const { logger, lines } = capturingLogger();
    const { core } = await pairedCore(logger);
    core.changeListener.start();
    const { deviceId } = readSettings(core.database.db);

    await test.ok('mutation', 'devices.revoke', { deviceId }, ownerToken);

    const stopMessage =
      'change listener stopped: the server rejected the device token';
    await eventually('the listener to stop', async () => {
      return lines.some((line) => line.msg === stopMessage);
    });
    await core.changeListener.stop();
    const listenerLines = lines.filter((line) =>
      line.msg.startsWith('change listener'),
    );
    expect(listenerLines.map((line) => line.msg)).toEqual([stopMessage]);
    expect(listenerLines[0]!.level).toBe(40);
  });
});
