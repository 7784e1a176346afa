import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TerminalCore } from '../terminal-core.js';
import {
  makeTempDir,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  tableCounts,
} from '../testing/test-core.js';
import { apiTokenFileName } from './api-token.js';
import { startHttpApi, type HttpApi } from './http-api.js';
import { contentSecurityPolicy } from './static-files.js';

let core: TerminalCore;
let api: HttpApi;
let staticDir: string;

beforeAll(async () => {
  core = openTestCore();
  seedPairedTerminal(core);
  staticDir = makeTempDir('galley-ui-');
  writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><title>Galley</title>',
  );
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'export {};');
  api = await startHttpApi(core, { port: 0, staticDir });
});

afterAll(async () => {
  await api.close();
  await core.close();
  removeDir(core.dataDir);
  removeDir(staticDir);
});

function post(
  procedure: string,
  body: string,
  token: string | null = api.token,
) {
  return fetch(`${api.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
}

/** Sends a raw request, because fetch does not let a caller set Host. */
function getWithHost(
  pathname: string,
  host: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: api.port,
        path: pathname,
        headers: { host, authorization: `Bearer ${api.token}` },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const validOrder = JSON.stringify({
  lines: [{ sku: 'DRINK-WATER', quantity: 1 }],
  tender: { method: 'card' },
});

describe('HTTP local API', () => {
  it('creates an order with the token', async () => {
    const response = await post('orders.create', validOrder);
    const body = (await response.json()) as {
      result: { data: { number: number; totals: { total: number } } };
    };

    expect(response.status).toBe(200);
    expect(body.result.data.totals.total).toBe(200);
  });

  it('rejects a missing token with 401', async () => {
    const response = await post('orders.create', validOrder, null);
    const body = (await response.json()) as {
      error: { message: string; data: { code: string } };
    };

    expect(response.status).toBe(401);
    expect(body.error.data.code).toBe('UNAUTHORIZED');
    expect(body.error.message).toMatch(/api-token/);
  });

  it('rejects a wrong token with 401', async () => {
    const response = await post('orders.create', validOrder, 'x'.repeat(43));
    expect(response.status).toBe(401);
  });

  it('rejects a foreign Host with 403', async () => {
    const response = await getWithHost(
      '/trpc/sync.status',
      `attacker.example:${api.port}`,
    );

    expect(response.status).toBe(403);
    expect(response.body).toMatch(/is not allowed/);
  });

  it('accepts the loopback host names', async () => {
    for (const host of [
      `127.0.0.1:${api.port}`,
      `localhost:${api.port}`,
      `[::1]:${api.port}`,
    ]) {
      expect((await getWithHost('/trpc/sync.status', host)).status, host).toBe(
        200,
      );
    }
  });

  it('rejects malformed JSON with 400', async () => {
    const before = tableCounts(core);
    const response = await post('orders.create', '{"lines": [');

    expect(response.status).toBe(400);
    expect(tableCounts(core)).toEqual(before);
    const { error } = (await response.json()) as {
      error: { message: string; data: { code: string } };
    };
    expect(error.message).toBe(
      'The request input is not valid JSON. Send it as a JSON value: the body of a mutation, or the input parameter of a query.',
    );
    expect(error.data.code).toBe('BAD_REQUEST');
  });

  it('names the field of a wrong type once', async () => {
    const response = await post(
      'orders.create',
      JSON.stringify({ lines: 'two tacos', tender: { method: 'card' } }),
    );

    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toBe(
      'Invalid input at "lines": expected array, received string.',
    );
  });

  it('answers an unknown procedure with 404', async () => {
    const response = await post('orders.refundEverything', '{}');
    expect(response.status).toBe(404);
  });

  it('rejects an oversized body with 413', async () => {
    const response = await post(
      'orders.create',
      JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
    );
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as {
      error: { message: string; data: { code: string } };
    };
    expect(error.message).toBe(
      'The request body is too large. Send less in one request.',
    );
    expect(error.data.code).toBe('BAD_REQUEST');
  });

  it('changes nothing for a rejected order', async () => {
    const before = tableCounts(core);
    const response = await post(
      'orders.create',
      JSON.stringify({
        lines: [{ sku: 'NOT-ON-MENU', quantity: 1 }],
        tender: { method: 'card' },
      }),
    );
    const body = (await response.json()) as {
      error: {
        message: string;
        data: { code: string; reason: string; field: string };
      };
    };

    expect(response.status).toBe(400);
    expect(body.error.data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'unknown-sku',
      field: 'lines[0].sku',
    });
    expect(body.error.message).toMatch(/NOT-ON-MENU/);
    expect(tableCounts(core)).toEqual(before);
  });
});

describe('HTTP static UI', () => {
  it('serves index.html with a strict CSP', async () => {
    const response = await fetch(`${api.url}/`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'text/html; charset=utf-8',
    );
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy,
    );
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline/);
    expect(await response.text()).toMatch(/<title>Galley/);
  });

  it('serves assets with their content type', async () => {
    const response = await fetch(`${api.url}/assets/app.js`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('falls back to index.html for UI routes', async () => {
    const response = await fetch(`${api.url}/orders/today`);
    expect(await response.text()).toMatch(/<title>Galley/);
  });

  it('never serves files outside the UI folder', async () => {
    writeFileSync(
      path.join(path.dirname(staticDir), 'galley-secret.txt'),
      'secret',
    );
    const response = await getWithHost(
      '/..%2Fgalley-secret.txt',
      `127.0.0.1:${api.port}`,
    );

    expect(response.body).not.toMatch(/secret/);
    expect(response.body).toMatch(/<title>Galley/);
  });
});

describe('API token', () => {
  it('is private and reused after a restart', async () => {
    const mode =
      statSync(path.join(core.dataDir, apiTokenFileName)).mode & 0o777;
    const second = await startHttpApi(core, { port: 0, staticDir });
    await second.close();

    expect(mode).toBe(0o600);
    expect(second.token).toBe(api.token);
    expect(api.token.length).toBeGreaterThanOrEqual(43);
  });
});
