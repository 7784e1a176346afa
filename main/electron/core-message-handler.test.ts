import pino from 'pino';
import { describe, expect, it } from 'vitest';

import type { CoreStartMessage } from './core-messages.js';
import { createCoreMessageHandler } from './core-message-handler.js';

type FakeCore = { dataDir: string; closed: boolean };
type FakePort = { name: string };

const start: CoreStartMessage = {
  type: 'start',
  dataDir: '/data',
  serverUrl: 'http://127.0.0.1:4000',
  migrationsFolder: '/migrations',
};

function setup(options: { openFails?: boolean } = {}) {
  const events: string[] = [];
  const exits: number[] = [];
  let core: FakeCore | null = null;

  const handle = createCoreMessageHandler<FakeCore, FakePort>({
    openCore: async (message) => {
      events.push(`open ${message.dataDir}`);
      if (options.openFails) throw new Error('disk full');
      core = { dataDir: message.dataDir, closed: false };
      return core;
    },
    closeCore: async (opened) => {
      events.push('close core');
      opened.closed = true;
    },
    servePort: (port) => {
      events.push(`serve ${port.name}`);
      return () => events.push(`stop ${port.name}`);
    },
    closePort: (port) => {
      events.push(`close ${port.name}`);
    },
    exit: (code) => {
      exits.push(code);
    },
    logger: pino({ level: 'silent' }),
  });

  return { handle, events, exits, core: () => core };
}

describe('createCoreMessageHandler', () => {
  it('opens the core and serves each port', async () => {
    const { handle, events } = setup();

    await handle(start, []);
    await handle({ type: 'connect', windowId: 1 }, [{ name: 'a' }]);

    expect(events).toEqual(['open /data', 'serve a']);
  });

  it('serves a port sent while the core opens', async () => {
    const { handle, events } = setup();

    const opening = handle(start, []);
    const connecting = handle({ type: 'connect', windowId: 1 }, [
      { name: 'a' },
    ]);
    await Promise.all([opening, connecting]);

    expect(events).toEqual(['open /data', 'serve a']);
  });

  it('replaces the port of a window that reconnects', async () => {
    const { handle, events } = setup();
    await handle(start, []);

    await handle({ type: 'connect', windowId: 1 }, [{ name: 'a' }]);
    await handle({ type: 'connect', windowId: 1 }, [{ name: 'b' }]);

    expect(events).toEqual([
      'open /data',
      'serve a',
      'stop a',
      'close a',
      'serve b',
    ]);
  });

  it('rejects a connect before start', async () => {
    const { handle, events } = setup();

    await handle({ type: 'connect', windowId: 1 }, [{ name: 'a' }]);

    expect(events).toEqual(['close a']);
  });

  it('closes ports of an invalid message', async () => {
    const { handle, events } = setup();

    await handle({ type: 'connect', windowId: 'one' }, [{ name: 'a' }]);
    await handle({ type: 'start', dataDir: '' }, []);

    expect(events).toEqual(['close a']);
  });

  it('ignores a second start', async () => {
    const { handle, events } = setup();

    await handle(start, []);
    await handle({ ...start, dataDir: '/other' }, []);

    expect(events).toEqual(['open /data']);
  });

  it('exits with 1 when the core fails to open', async () => {
    const { handle, exits } = setup({ openFails: true });

    await handle(start, []);

    expect(exits).toEqual([1]);
  });

  it('stops ports and closes the core on shutdown', async () => {
    const { handle, events, exits, core } = setup();
    await handle(start, []);
    await handle({ type: 'connect', windowId: 1 }, [{ name: 'a' }]);

    await handle({ type: 'shutdown' }, []);

    expect(events.slice(2)).toEqual(['stop a', 'close a', 'close core']);
    expect(core()?.closed).toBe(true);
    expect(exits).toEqual([0]);
  });
});
