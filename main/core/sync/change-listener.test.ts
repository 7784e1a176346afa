import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';

import type { WaitForChangeOutput } from '../../../shared/sync.js';
import type { TerminalCore } from '../terminal-core.js';
import {
  openTestCore,
  removeDir,
  seedPairedTerminal,
  silentLogger,
} from '../testing/test-core.js';
import { ChangeListener } from './change-listener.js';

/**
 * The long-poll loop with a scripted server: each call to waitForChange
 * takes the next step of the script.
 */
const opened: TerminalCore[] = [];

afterEach(async () => {
  for (const core of opened.splice(0)) {
    await core.close();
    removeDir(core.dataDir);
  }
});

type Step = WaitForChangeOutput | Error | 'hang';

function scriptedListener(steps: Step[]) {
  const core = openTestCore();
  opened.push(core);
  seedPairedTerminal(core);
  const calls: string[] = [];
  let syncs = 0;
  let finished: () => void = () => {};
  const scriptDone = new Promise<void>((resolve) => (finished = resolve));

  const listener = new ChangeListener(
    {
      db: core.database.db,
      logger: silentLogger,
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
  return { listener, calls, syncs: () => syncs, scriptDone };
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
});
