import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  classifyServerFailure,
  createServerClient,
  ServerHttpError,
  ServerReplyError,
  ServerUnreachableError,
  trpcUrlOf,
} from './server-client.js';

/**
 * A loopback HTTP server whose reply each test sets, to play what a
 * terminal meets in the field: proxies' error pages, JSON from other
 * services, and tRPC errors of each status the sync loop sorts.
 */
type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
const seen: { method: string; url: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({
      method: request.method!,
      url: request.url!,
      authorization: request.headers.authorization,
    });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

function replyJson(status: number, body: unknown): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

function trpcError(status: number, code: string, message: string): Handler {
  return replyJson(status, {
    error: { message, code: -32_600, data: { code, httpStatus: status } },
  });
}

/** Calls sync.pull and returns what it threw. */
async function failedPull(timeoutMs?: number): Promise<unknown> {
  const client = createServerClient({
    serverUrl: baseUrl,
    deviceToken: 'device-token',
    timeoutMs,
  });
  return client.pull('0').then(
    () => new Error('sync.pull succeeded'),
    (error: unknown) => error,
  );
}

describe('trpcUrlOf', () => {
  it('appends /trpc after trailing slashes', () => {
    expect(trpcUrlOf('http://127.0.0.1:4000')).toBe(
      'http://127.0.0.1:4000/trpc',
    );
    expect(trpcUrlOf('http://127.0.0.1:4000///')).toBe(
      'http://127.0.0.1:4000/trpc',
    );
    expect(trpcUrlOf('https://galley.example/api/')).toBe(
      'https://galley.example/api/trpc',
    );
  });
});

describe('createServerClient', () => {
  it('sends the device token with each call', async () => {
    const pulled = {
      cursor: '7',
      truck: {
        id: '0190a6d2-0000-7000-8000-0000000000aa',
        name: 'Taco truck',
        timezone: 'UTC',
        businessDayCutoff: '04:00',
      },
      menu: null,
      serverTime: '2026-03-14T12:00:00.000Z',
    };
    handler = replyJson(200, { result: { data: pulled } });
    const client = createServerClient({
      serverUrl: `${baseUrl}/`,
      deviceToken: 'device-token',
    });

    const output = await client.pull('5');

    expect(output).toEqual(pulled);
    expect(seen).toEqual([
      {
        method: 'GET',
        url: `/trpc/sync.pull?input=${encodeURIComponent('{"cursor":"5"}')}`,
        authorization: 'Bearer device-token',
      },
    ]);
  });

  it('sends no token before pairing', async () => {
    const paired = {
      deviceId: '0190a6d2-0000-7000-8000-000000000001',
      deviceToken: 'new-token',
      slot: 2,
      truck: {
        id: '0190a6d2-0000-7000-8000-0000000000aa',
        name: 'Taco truck',
        timezone: 'UTC',
        businessDayCutoff: '00:00',
      },
      organizationName: 'Taco Org',
    };
    handler = replyJson(200, { result: { data: paired } });
    const client = createServerClient({
      serverUrl: baseUrl,
      deviceToken: null,
    });

    const output = await client.pair({
      pairingCode: 'ABCD-1234',
      deviceName: 'Window 1',
    });

    expect(output).toEqual(paired);
    expect(seen).toEqual([
      { method: 'POST', url: '/trpc/devices.pair', authorization: undefined },
    ]);
  });

  it('keeps status of a non-JSON error page', async () => {
    handler = (_request, response) => {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    };

    const error = await failedPull();

    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).cause).toEqual(
      new ServerHttpError(502),
    );
    expect(classifyServerFailure(error)).toEqual({
      kind: 'server',
      status: 502,
      code: null,
      message: 'HTTP 502 without a tRPC reply',
    });
  });

  it('treats missing content type as non-JSON', async () => {
    handler = (_request, response) => {
      response.statusCode = 404;
      response.end('not here');
    };

    const error = await failedPull();

    expect(classifyServerFailure(error)).toEqual({
      kind: 'client',
      status: 404,
      code: null,
      message: 'HTTP 404 without a tRPC reply',
    });
  });

  it('reads status of non-tRPC JSON', async () => {
    handler = replyJson(404, { message: 'route not found' });

    const error = await failedPull();

    expect(classifyServerFailure(error)).toEqual({
      kind: 'client',
      status: 404,
      code: null,
      message: 'Unable to transform response from server',
    });
  });

  it.each([
    [400, 'BAD_REQUEST', 'client'],
    [403, 'FORBIDDEN', 'client'],
    [401, 'UNAUTHORIZED', 'unauthorized'],
    [408, 'TIMEOUT', 'server'],
    [429, 'TOO_MANY_REQUESTS', 'server'],
    [500, 'INTERNAL_SERVER_ERROR', 'server'],
    [503, 'SERVICE_UNAVAILABLE', 'server'],
  ])('sorts a tRPC %i %s as %s', async (status, code, kind) => {
    handler = trpcError(status, code, `failed with ${code}`);

    const error = await failedPull();

    expect(classifyServerFailure(error)).toEqual({
      kind,
      status,
      code,
      message: `failed with ${code}`,
    });
  });

  it('times out a server that never replies', async () => {
    handler = () => {
      // Holds the request open until the client gives up.
    };

    const error = await failedPull(50);

    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(classifyServerFailure(error)).toEqual({
      kind: 'unreachable',
      status: null,
      code: null,
      message: 'The server did not reply within 50 ms.',
    });
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) =>
      closed.listen(0, '127.0.0.1', resolve),
    );
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = createServerClient({
      serverUrl: `http://127.0.0.1:${port}`,
      deviceToken: 'device-token',
    });

    const error = await client.push([]).catch((caught: unknown) => caught);

    expect(classifyServerFailure(error)).toEqual({
      kind: 'unreachable',
      status: null,
      code: null,
      message: 'fetch failed',
    });
  });
});

describe('reply checks', () => {
  const client = () =>
    createServerClient({ serverUrl: baseUrl, deviceToken: 'device-token' });
  const cases: {
    name: string;
    call: (
      serverClient: ReturnType<typeof createServerClient>,
    ) => Promise<unknown>;
    reply: unknown;
    message: string;
  }[] = [
    {
      name: 'a push result of an unknown status',
      call: (serverClient) => serverClient.push([]),
      reply: {
        results: [{ id: '0190a6d2-0000-7000-8000-000000000001', status: 'ok' }],
        serverTime: '2026-03-14T12:00:00.000Z',
      },
      message:
        "The reply to sync.push is invalid at results.0.status: Invalid discriminator value. Expected 'stored' | 'duplicate' | 'rejected'.",
    },
    {
      name: 'a pull cursor that is not a sequence',
      call: (serverClient) => serverClient.pull('0'),
      reply: {
        cursor: '2026-03-14T12:00:00Z',
        truck: {
          id: '0190a6d2-0000-7000-8000-0000000000aa',
          name: 'Taco truck',
          timezone: 'UTC',
        },
        menu: null,
        serverTime: '2026-03-14T12:00:00.000Z',
      },
      message:
        'The reply to sync.pull is invalid at cursor: Invalid string: must match pattern /^\\d{1,19}$/.',
    },
    {
      name: 'a pairing reply without a token',
      call: (serverClient) =>
        serverClient.pair({ pairingCode: 'ABCD-1234', deviceName: 'W1' }),
      reply: { deviceId: '0190a6d2-0000-7000-8000-000000000001' },
      message:
        'The reply to devices.pair is invalid at deviceToken: Invalid input: expected string, received undefined.',
    },
    {
      name: 'a reconciliation that is not an object',
      call: (serverClient) =>
        serverClient.reconcile({
          businessDate: '2026-03-14',
          count: 0,
          total: 0,
          digest: 'x',
        }),
      reply: 'reconciled',
      message:
        'The reply to sync.reconcile is invalid at the top: Invalid input: expected object, received string.',
    },
  ];

  for (const { name, call, reply, message } of cases) {
    it(`rejects ${name}`, async () => {
      handler = replyJson(200, { result: { data: reply } });

      const error = await call(client()).then(
        () => new Error('the call succeeded'),
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(ServerReplyError);
      expect(classifyServerFailure(error)).toEqual({
        kind: 'invalid-reply',
        status: null,
        code: null,
        message,
      });
    });
  }
});

describe('classifyServerFailure', () => {
  it("sorts this terminal's own errors as local", () => {
    expect(classifyServerFailure(new RangeError('Invalid time value'))).toEqual(
      {
        kind: 'local',
        status: null,
        code: null,
        message: 'Invalid time value',
      },
    );
  });

  it('turns a thrown non-error into text', () => {
    expect(classifyServerFailure('disk full')).toEqual({
      kind: 'local',
      status: null,
      code: null,
      message: 'disk full',
    });
    expect(classifyServerFailure(undefined).message).toBe('undefined');
  });
});
