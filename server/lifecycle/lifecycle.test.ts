import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';

import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { createShutdown } from './graceful-shutdown.js';
import {
  echoRequestIds,
  requestIdHeader,
  requestIdOptions,
} from './request-ids.js';

const logger = pino({ level: 'silent' });

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new ones', async () => {
    const app = Fastify();
    let releaseSlow!: () => void;
    const slowReleased = new Promise<void>(
      (resolve) => (releaseSlow = resolve),
    );
    let slowStarted!: () => void;
    const slowArrived = new Promise<void>((resolve) => (slowStarted = resolve));
    app.get('/slow', async () => {
      slowStarted();
      await slowReleased;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const exits: number[] = [];
    let readinessFailed = false;
    const shutdown = createShutdown({
      close: () => app.close(),
      logger,
      onStart: () => (readinessFailed = true),
      exit: (code) => exits.push(code),
    });

    const inFlight = get(`${url}/slow`);
    await slowArrived;
    const closing = shutdown('SIGTERM');
    expect(readinessFailed).toBe(true);

    await expect(get(`${url}/slow`)).rejects.toThrow(/ECONNREFUSED/);
    releaseSlow();
    expect(await inFlight).toEqual({ status: 200, body: '{"done":true}' });
    await closing;
    expect(exits).toEqual([0]);
  });

  it('exits with 1 when close outlasts the timeout', async () => {
    const exits: number[] = [];
    let finishClose!: () => void;
    const shutdown = createShutdown({
      close: () => new Promise<void>((resolve) => (finishClose = resolve)),
      logger,
      timeoutMs: 50,
      exit: (code) => exits.push(code),
    });
    const closing = shutdown('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exits).toEqual([1]);
    finishClose();
    await closing;
  });

  it('exits at once on a second signal', async () => {
    const exits: number[] = [];
    const shutdown = createShutdown({
      close: () => new Promise<void>(() => undefined),
      logger,
      exit: (code) => exits.push(code),
    });
    void shutdown('SIGTERM');
    void shutdown('SIGINT');
    expect(exits).toEqual([1]);
  });
});

describe('request ids', () => {
  it('labels log lines with requestId', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ loggerInstance: pino(stream), ...requestIdOptions });
    app.get('/', async () => ({}));
    try {
      await app.inject({ url: '/', headers: { [requestIdHeader]: 'trace-7' } });
      const completed = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.msg === 'request completed');
      expect(completed?.requestId).toBe('trace-7');
    } finally {
      await app.close();
    }
  });

  it('keeps a well-formed id and replaces others', async () => {
    const app = Fastify(requestIdOptions);
    echoRequestIds(app);
    app.get('/', async (request) => ({ id: request.id }));
    try {
      const kept = await app.inject({
        url: '/',
        headers: { [requestIdHeader]: 'lb-1234.abc' },
      });
      expect(kept.headers[requestIdHeader]).toBe('lb-1234.abc');
      expect(kept.json()).toEqual({ id: 'lb-1234.abc' });

      const injected = await app.inject({
        url: '/',
        headers: { [requestIdHeader]: 'evil"}\n{"level":60' },
      });
      const replaced = injected.headers[requestIdHeader];
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);

      const generated = await app.inject({ url: '/' });
      expect(generated.headers[requestIdHeader]).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated.headers[requestIdHeader]).not.toBe(replaced);
    } finally {
      await app.close();
    }
  });
});
