import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { IpcResponse } from '../../shared/ipc-protocol.js';
import { makeTempDir, repoRoot } from '../../test/support/processes.js';

/**
 * Runs the built utility process entry (out/main/core-process.js) in a
 * worker thread, with `process.parentPort` and MessagePortMain played by
 * Node's worker ports. It shows that the bundle loads better-sqlite3,
 * finds the migrations it is given and serves the local API on a port.
 */
const bootstrap = `
const { parentPort, workerData } = require('node:worker_threads');
const { EventEmitter } = require('node:events');

function asMessagePortMain(port) {
  const wrapped = new Map();
  return {
    postMessage: (message) => port.postMessage(message),
    on(event, listener) {
      const forward = (data) => listener({ data, ports: [] });
      wrapped.set(listener, forward);
      port.on(event, forward);
    },
    off(event, listener) {
      port.off(event, wrapped.get(listener));
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

// Like Electron's parentPort, messages wait until the entry has added its
// 'message' listener.
const electronParent = new EventEmitter();
const queued = [];
process.parentPort = electronParent;
electronParent.once('newListener', () => {
  setImmediate(() => queued.splice(0).forEach((event) => electronParent.emit('message', event)));
});
parentPort.on('message', ({ data, ports }) => {
  const event = { data, ports: ports.map(asMessagePortMain) };
  if (electronParent.listenerCount('message') > 0) electronParent.emit('message', event);
  else queued.push(event);
});
import(workerData.entry);
`;

const entry = path.join(repoRoot, 'out', 'main', 'core-process.js');

function request(port: MessagePort, message: object): Promise<IpcResponse> {
  return new Promise((resolve) => {
    port.once('message', (response: IpcResponse) => resolve(response));
    port.postMessage(message);
  });
}

describe('core-process bundle', () => {
  let dataDir = '';

  beforeAll(() => {
    const build = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(build.stdout + build.stderr);
    dataDir = makeTempDir('core-process');
  }, 120_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the local API over a port and exits on shutdown', async () => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { entry: pathToFileURL(entry).href },
      env: { ...process.env, GALLEY_LOG_LEVEL: 'info' },
      // The worker's log lines on stdout are not wanted in the test output.
      stdout: true,
    });
    worker.stdout.resume();
    const exited = new Promise<number>((resolve) =>
      worker.once('exit', resolve),
    );
    const failed = new Promise<never>((_resolve, reject) =>
      worker.once('error', reject),
    );
    const { port1, port2 } = new MessageChannel();

    worker.postMessage({
      data: {
        type: 'start',
        dataDir,
        serverUrl: 'http://127.0.0.1:9',
        migrationsFolder: path.join(repoRoot, 'drizzle', 'terminal'),
      },
      ports: [],
    });
    worker.postMessage(
      { data: { type: 'connect', windowId: 1 }, ports: [port1] },
      [port1],
    );

    const status = await Promise.race([
      failed,
      request(port2, {
        id: 1,
        type: 'query',
        path: 'sync.status',
        input: undefined,
      }),
    ]);
    expect(status.id).toBe(1);
    expect(status.ok).toBe(true);
    expect(status).toMatchObject({
      ok: true,
      data: { pending: 0, rejected: 0, lastSuccessAt: null },
    });

    const unknown = await request(port2, {
      id: 2,
      type: 'query',
      path: 'no.such.procedure',
      input: undefined,
    });
    expect(unknown.ok).toBe(false);

    worker.postMessage({ data: { type: 'shutdown' }, ports: [] });
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'terminal.sqlite'))).toBe(true);
    port2.close();

    // The core's log lines reach the data directory's log file, which the
    // support archive collects, and not only the process's stdout.
    const logLines = readFileSync(
      path.join(dataDir, 'logs', 'terminal.log'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; module?: string });
    expect(logLines.map((line) => line.msg)).toContain('terminal core opened');
    expect(logLines.map((line) => line.msg)).toContain('terminal core started');
    expect(logLines.map((line) => line.msg)).toContain('terminal core stopped');
  });
});
