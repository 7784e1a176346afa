import pino from 'pino';
import { describe, expect, it } from 'vitest';

import type { CoreMessage } from './core-messages.js';
import {
  CoreSupervisor,
  restartDelayMs,
  shutdownGraceMs,
  stableRunMs,
  type CoreChild,
  type PortReceiver,
} from './core-supervisor.js';

type FakePort = { name: string };

class FakeChild implements CoreChild<FakePort> {
  readonly messages: { message: CoreMessage; transfer: FakePort[] }[] = [];
  killed = false;
  #onExit: ((code: number) => void) | null = null;

  postMessage(message: CoreMessage, transfer: FakePort[] = []): void {
    this.messages.push({ message, transfer });
  }

  once(_event: 'exit', listener: (code: number) => void): this {
    this.#onExit = listener;
    return this;
  }

  kill(): boolean {
    this.killed = true;
    return true;
  }

  exit(code: number): void {
    this.#onExit?.(code);
  }
}

/** Builds a supervisor over fake children, a manual clock and a task queue. */
function setup() {
  const children: FakeChild[] = [];
  const tasks: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  const clock = { now: 0 };
  let channels = 0;

  const supervisor = new CoreSupervisor<FakePort>({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    start: {
      type: 'start',
      dataDir: '/data',
      serverUrl: 'http://127.0.0.1:4000',
      migrationsFolder: '/migrations',
    },
    createChannel: () => {
      channels += 1;
      return {
        port1: { name: `core-${channels}` },
        port2: { name: `window-${channels}` },
      };
    },
    schedule: (run, delayMs) => {
      const task = { run, delayMs, cancelled: false };
      tasks.push(task);
      return () => {
        task.cancelled = true;
      };
    },
    now: () => clock.now,
    logger: pino({ level: 'silent' }),
  });

  const runDueTask = () => {
    const task = tasks.find((candidate) => !candidate.cancelled);
    if (!task) throw new Error('no scheduled task');
    task.cancelled = true;
    task.run();
    return task.delayMs;
  };

  return { supervisor, children, tasks, clock, runDueTask };
}

function receiver(windowId: number): PortReceiver<FakePort> & {
  ports: FakePort[];
  destroyed: boolean;
} {
  const ports: FakePort[] = [];
  return {
    windowId,
    ports,
    destroyed: false,
    sendPort(port) {
      ports.push(port);
    },
    isDestroyed() {
      return this.destroyed;
    },
  };
}

describe('restartDelayMs', () => {
  it('doubles from half a second up to 30 seconds', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs);

    expect(delays).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});

describe('CoreSupervisor', () => {
  it('sends the start message and then one port per window', () => {
    const { supervisor, children } = setup();
    const window = receiver(7);

    supervisor.start();
    supervisor.connect(window);

    const messages = children[0]!.messages;
    expect(messages[0]!.message.type).toBe('start');
    expect(messages[1]).toEqual({
      message: { type: 'connect', windowId: 7 },
      transfer: [{ name: 'core-1' }],
    });
    expect(window.ports).toEqual([{ name: 'window-1' }]);
  });

  it('restarts a crashed core and resends fresh ports', () => {
    const { supervisor, children, runDueTask } = setup();
    const window = receiver(1);
    supervisor.start();
    supervisor.connect(window);

    children[0]!.exit(1);

    expect(supervisor.running).toBe(false);
    expect(runDueTask()).toBe(500);
    expect(children).toHaveLength(2);
    expect(children[1]!.messages.map((entry) => entry.message.type)).toEqual([
      'start',
      'connect',
    ]);
    expect(children[1]!.messages[1]!.transfer).toEqual([{ name: 'core-2' }]);
    expect(window.ports).toEqual([{ name: 'window-1' }, { name: 'window-2' }]);
  });

  it('backs off on repeated crashes', () => {
    const { supervisor, children, runDueTask } = setup();
    supervisor.start();

    const delays: number[] = [];
    for (let crash = 0; crash < 4; crash += 1) {
      children.at(-1)!.exit(1);
      delays.push(runDueTask());
    }

    expect(delays).toEqual([500, 1000, 2000, 4000]);
  });

  it('resets the backoff after a stable run', () => {
    const { supervisor, children, clock, runDueTask } = setup();
    supervisor.start();
    children[0]!.exit(1);
    runDueTask();
    children[1]!.exit(1);
    runDueTask();

    clock.now += stableRunMs;
    children[2]!.exit(1);

    expect(runDueTask()).toBe(500);
  });

  it('skips windows that were destroyed', () => {
    const { supervisor, children, runDueTask } = setup();
    const open = receiver(1);
    const closed = receiver(2);
    supervisor.start();
    supervisor.connect(open);
    supervisor.connect(closed);

    closed.destroyed = true;
    children[0]!.exit(1);
    runDueTask();

    const connects = children[1]!.messages.filter(
      (entry) => entry.message.type === 'connect',
    );
    expect(connects.map((entry) => entry.message)).toEqual([
      { type: 'connect', windowId: 1 },
    ]);
    expect(closed.ports).toHaveLength(1);
  });

  it('stops without restarting', async () => {
    const { supervisor, children, tasks } = setup();
    supervisor.start();

    const stopped = supervisor.stop();
    const child = children[0]!;
    expect(child.messages.at(-1)!.message).toEqual({ type: 'shutdown' });
    child.exit(0);
    await stopped;

    expect(children).toHaveLength(1);
    expect(child.killed).toBe(false);
    expect(tasks.every((task) => task.cancelled)).toBe(true);
  });

  it('kills a core that ignores shutdown', async () => {
    const { supervisor, children, runDueTask } = setup();
    supervisor.start();

    const stopped = supervisor.stop();
    expect(runDueTask()).toBe(shutdownGraceMs);
    expect(children[0]!.killed).toBe(true);
    children[0]!.exit(9);
    await stopped;

    expect(supervisor.running).toBe(false);
  });

  it('cancels a pending restart on stop', async () => {
    const { supervisor, children, tasks } = setup();
    supervisor.start();
    children[0]!.exit(1);

    await supervisor.stop();

    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.cancelled).toBe(true);
    supervisor.start();
    expect(children).toHaveLength(1);
  });
});
