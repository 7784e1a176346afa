import { pathToFileURL } from 'node:url';

import { net, protocol } from 'electron';

import { resolveRendererFile } from './renderer-files.js';

export const appScheme = 'app';

/**
 * Registers the `app:` scheme as standard and secure, so pages served from
 * it get a real origin. Electron accepts this only before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/**
 * Serves the built renderer from `rendererRoot` on `app://galley/`, with
 * the Content-Security-Policy on every response. A `file:` page carries no
 * response headers, which is why the app does not load from `file:`.
 */
export function serveRenderer(rendererRoot: string, policy: string): void {
  protocol.handle(appScheme, async (request) => {
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return notFound();

    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return notFound();
    }

    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', policy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404 });
}
