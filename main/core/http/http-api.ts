import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { createHTTPHandler } from '@trpc/server/adapters/standalone';

import { localRouter } from '../api/router.js';
import type { TerminalCore } from '../terminal-core.js';
import { bearerMatches, loadOrCreateApiToken } from './api-token.js';
import { serveStaticFile, setSecurityHeaders } from './static-files.js';

export const defaultApiPort = 4100;
/** Larger than any valid order (200 lines) by a wide margin. */
export const maxBodyBytes = 1024 * 1024;

export interface HttpApiOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The built UI; defaults to dist/renderer in the working directory. */
  staticDir?: string;
}

export interface HttpApi {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the local API at /trpc and the built UI on 127.0.0.1 only. The API
 * needs the bearer token from DIR/api-token. Every request must name a
 * loopback Host, so a web page on a rebinding domain cannot reach the API
 * through the browser.
 */
export async function startHttpApi(
  core: TerminalCore,
  options: HttpApiOptions = {},
): Promise<HttpApi> {
  const token = loadOrCreateApiToken(core.dataDir);
  const staticDir =
    options.staticDir ?? path.resolve(process.cwd(), 'dist', 'renderer');
  const log = core.logger.child({ module: 'http-api' });

  const trpcHandler = createHTTPHandler({
    router: localRouter,
    basePath: '/trpc/',
    maxBodySize: maxBodyBytes,
    createContext: () => ({ core }),
  });

  let port = 0;
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;

    if (!isLoopbackHost(request.headers.host, port)) {
      sendError(
        response,
        403,
        'FORBIDDEN',
        `Host "${request.headers.host ?? ''}" is not allowed. Open http://127.0.0.1:${port}/ instead.`,
      );
      return;
    }
    if (pathname !== '/trpc' && !pathname.startsWith('/trpc/')) {
      serveStaticFile(request, response, staticDir, pathname);
      return;
    }
    if (!bearerMatches(request.headers.authorization, token)) {
      sendError(
        response,
        401,
        'UNAUTHORIZED',
        'Missing or wrong API token. Send "Authorization: Bearer TOKEN" with the token from the api-token file in the data directory.',
      );
      return;
    }

    setSecurityHeaders(response);
    trpcHandler(request, response);
  });
  server.on('clientError', (error, socket) => {
    log.debug({ err: error }, 'malformed HTTP request');
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? defaultApiPort, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  log.info({ port }, 'local API listening on 127.0.0.1');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export function isLoopbackHost(
  host: string | undefined,
  port: number,
): boolean {
  if (!host) return false;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return allowed.includes(host.toLowerCase());
}

/** Sends an error in the JSON shape tRPC clients read (`{ error: ... }`). */
function sendError(
  response: ServerResponse,
  status: 401 | 403,
  code: 'UNAUTHORIZED' | 'FORBIDDEN',
  message: string,
): void {
  setSecurityHeaders(response);
  const rpcCode = status === 401 ? -32001 : -32003;
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(
    JSON.stringify({
      error: { message, code: rpcCode, data: { code, httpStatus: status } },
    }),
  );
}
