import { EventEmitter } from 'node:events';

import { describe, expect, it } from 'vitest';

import { wrapMessagePortMain } from './message-port.js';

/** Behaves like MessagePortMain: an emitter whose events carry `data`. */
class FakeMessagePortMain extends EventEmitter {
  readonly posted: unknown[] = [];
  started = false;

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  start(): void {
    this.started = true;
  }

  deliver(data: unknown): void {
    this.emit('message', { data, ports: [] });
  }
}

describe('wrapMessagePortMain', () => {
  it('posts messages unchanged', () => {
    const port = new FakeMessagePortMain();

    wrapMessagePortMain(port).postMessage({ id: 1, ok: true, data: 5 });

    expect(port.posted).toEqual([{ id: 1, ok: true, data: 5 }]);
  });

  it('unwraps the data of incoming events', () => {
    const port = new FakeMessagePortMain();
    const received: unknown[] = [];

    wrapMessagePortMain(port).onMessage((message) => received.push(message));
    port.deliver({ id: 3, type: 'query', path: 'sync.status', input: null });

    expect(received).toEqual([
      { id: 3, type: 'query', path: 'sync.status', input: null },
    ]);
  });

  it('stops delivering after unsubscribe', () => {
    const port = new FakeMessagePortMain();
    const received: unknown[] = [];

    const unsubscribe = wrapMessagePortMain(port).onMessage((message) =>
      received.push(message),
    );
    port.deliver('first');
    unsubscribe();
    port.deliver('second');

    expect(received).toEqual(['first']);
    expect(port.listenerCount('message')).toBe(0);
  });

  it('starts the port', () => {
    const port = new FakeMessagePortMain();

    wrapMessagePortMain(port).start?.();

    expect(port.started).toBe(true);
  });
});
