import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The test runs the real server in process. The core itself still imports
// only types from server/, which is what the lint rule guards.
// eslint-disable-next-line no-restricted-imports
import {
  signUpOwner,
  startTestServer,
  type TestServer,
} from '../../../server/testing/test-server.js';
import { GalleyError } from '../../../shared/errors.js';
import { normalizeServerUrl, requestPairing } from './pairing.js';
import { createServerClient, type ServerClient } from './server-client.js';

/**
 * Pairing from the terminal's side: the server URL a person types, and
 * devices.pair against two servers. One is the real server, in process on
 * the local PostgreSQL and listening on a loopback port. The other is a
 * loopback HTTP server that replies as a wrong or broken address might.
 */

/** The server's message for a wrong, used or expired pairing code. */
const pairingCodeRejected =
  'Pairing code not recognised or expired. Ask the owner for a new code.';

interface Failure {
  name: string;
  code: string;
  message: string;
  field: string | undefined;
}

function failureOf(action: () => unknown): Failure {
  try {
    action();
  } catch (error) {
    return describeFailure(error);
  }
  throw new Error('expected the call to throw');
}

async function pairingFailureOf(
  client: ServerClient,
  serverUrl: string,
  pairingCode = 'ABCD-EFGH',
): Promise<Failure & { cause: unknown }> {
  try {
    await requestPairing(client, serverUrl, {
      pairingCode,
      deviceName: 'Counter 1',
    });
  } catch (error) {
    return { ...describeFailure(error), cause: (error as Error).cause };
  }
  throw new Error('expected pairing to fail');
}

function describeFailure(error: unknown): Failure {
  expect(error).toBeInstanceOf(GalleyError);
  const { name, code, message, field } = error as GalleyError;
  return { name, code, message, field };
}

function listenOnLoopback(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('normalizeServerUrl', () => {
  it.each([
    ['http://192.168.1.10:4000', 'http://192.168.1.10:4000'],
    ['http://192.168.1.10:4000/', 'http://192.168.1.10:4000'],
    ['  https://galley.example.com//  ', 'https://galley.example.com'],
    ['HTTP://Galley.Example.COM:80/', 'http://galley.example.com'],
    ['https://example.com/galley/', 'https://example.com/galley'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(normalizeServerUrl(raw)).toBe(expected);
  });

  it.each([
    '',
    'not a url',
    '192.168.1.10:4000',
    'localhost:4000',
    'ftp://example.com',
    'file:///etc/hosts',
    'http://owner:secret@example.com',
    'http://owner@example.com',
    'http://example.com/?truck=1',
    'http://example.com/#setup',
  ])('rejects %j', (raw) => {
    expect(failureOf(() => normalizeServerUrl(raw))).toEqual({
      name: 'GalleyError',
      code: 'BAD_REQUEST',
      message: `Server URL "${raw}" is not a valid http(s) address. Use an address such as http://192.168.1.10:4000.`,
      field: 'serverUrl',
    });
  });
});

describe('requestPairing against the server', () => {
  let test: TestServer;
  let serverUrl: string;
  let ownerToken: string;

  beforeAll(async () => {
    test = await startTestServer('postgres');
    serverUrl = await test.server.listen(0, '127.0.0.1');
    ownerToken = (await signUpOwner(test, 'Pairing Tacos')).token;
  });
  afterAll(() => test?.close());

  const client = () => createServerClient({ serverUrl, deviceToken: null });

  it('returns the device and its truck', async () => {
    const { truckId, pairingCode } = await test.ok<{
      truckId: string;
      pairingCode: string;
    }>(
      'mutation',
      'trucks.create',
      { name: 'Taco truck', timezone: 'America/New_York' },
      ownerToken,
    );

    const paired = await requestPairing(client(), serverUrl, {
      pairingCode,
      deviceName: 'Counter 1',
    });

    expect(paired.slot).toBe(0);
    expect(paired.organizationName).toBe('Pairing Tacos');
    expect(paired.truck).toMatchObject({
      id: truckId,
      name: 'Taco truck',
      timezone: 'America/New_York',
    });
    expect(paired.deviceToken).toMatch(/\S{20,}/);

    // The code is single-use.
    const again = await pairingFailureOf(client(), serverUrl, pairingCode);
    expect(again).toMatchObject({
      code: 'UNAUTHORIZED',
      message: pairingCodeRejected,
    });
  });

  it('passes on the message for a wrong code', async () => {
    const failure = await pairingFailureOf(client(), serverUrl);

    expect(failure).toMatchObject({
      name: 'GalleyError',
      code: 'UNAUTHORIZED',
      message: pairingCodeRejected,
      field: undefined,
    });
  });
});

describe('requestPairing against a broken address', () => {
  type Reply = (request: IncomingMessage, response: ServerResponse) => void;
  let reply: Reply;
  let server: Server;
  let serverUrl: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      reply(request, response);
    });
    serverUrl = await listenOnLoopback(server);
  });
  afterAll(() => closeServer(server));

  const client = (timeoutMs = 5_000) =>
    createServerClient({ serverUrl, deviceToken: null, timeoutMs });

  const sendJson =
    (status: number, body: unknown): Reply =>
    (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

  const genericMessage = (status: number | string) =>
    `The server at ${serverUrl} failed to pair this terminal (HTTP ${status}). Try again, or check that the address is the Galley server.`;

  it('reports a server error as unavailable', async () => {
    reply = sendJson(500, {
      error: {
        message: 'Pairing failed on the server. Try again.',
        code: -32603,
        data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 },
      },
    });
    requests.length = 0;

    const failure = await pairingFailureOf(client(), serverUrl);

    expect(requests).toEqual(['POST /trpc/devices.pair']);
    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Pairing failed on the server. Try again.',
      field: undefined,
    });
  });

  it('keeps a known error code', async () => {
    reply = sendJson(429, {
      error: {
        message: 'Too many pairing attempts. Wait a minute.',
        code: -32029,
        data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
      },
    });

    const failure = await pairingFailureOf(client(), serverUrl);

    expect(failure).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many pairing attempts. Wait a minute.',
    });
  });

  it('names the status of an HTML error page', async () => {
    reply = (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>Bad gateway</body></html>');
    };

    const failure = await pairingFailureOf(client(), serverUrl);

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: genericMessage(502),
    });
  });

  it('rejects a pairing reply it cannot read', async () => {
    reply = sendJson(200, {
      result: { data: { deviceId: 'not-a-uuid', deviceToken: 'token' } },
    });

    const failure = await pairingFailureOf(client(), serverUrl);

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message:
        `The server at ${serverUrl} sent a pairing reply this terminal cannot read ` +
        '(The reply to devices.pair is invalid at deviceId: Invalid UUID.) Check that the ' +
        'address is the Galley server and that its version matches this app.',
    });
  });

  it('names the status of a JSON reply from another API', async () => {
    reply = sendJson(404, {
      message: 'Route POST:/trpc/devices.pair not found',
      error: 'Not Found',
      statusCode: 404,
    });

    const failure = await pairingFailureOf(client(), serverUrl);

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: genericMessage(404),
    });
  });

  it('names the status of an error code outside the product', async () => {
    reply = sendJson(413, {
      error: {
        message: 'Request body too large',
        code: -32600,
        data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
      },
    });

    const failure = await pairingFailureOf(client(), serverUrl);

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: genericMessage(413),
    });
  });

  it('reports a server that never replies as unreachable', async () => {
    reply = () => {
      // Leaves the request open until the client gives up.
    };

    const failure = await pairingFailureOf(client(100), serverUrl);

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: `Cannot reach the server at ${serverUrl}. Check the address and the network, then try again.`,
    });
    expect((failure.cause as Error).message).toBe(
      'The server did not reply within 100 ms.',
    );
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createServer();
    const closedUrl = await listenOnLoopback(closed);
    await closeServer(closed);

    const failure = await pairingFailureOf(
      createServerClient({ serverUrl: closedUrl, deviceToken: null }),
      closedUrl,
    );

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: `Cannot reach the server at ${closedUrl}. Check the address and the network, then try again.`,
    });
  });

  it('reports a failure before any request without a status', async () => {
    const bug = new TypeError('deviceName.trim is not a function');
    const failing: ServerClient = {
      ...client(),
      pair: () => Promise.reject(bug),
    };

    const failure = await pairingFailureOf(failing, serverUrl);

    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: genericMessage('unknown'),
    });
    expect(failure.cause).toBe(bug);
  });
});
