import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The UI's only source of scripts, styles and data is this origin, and no
 * inline script runs. The UI contains no data, so these files need no token.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
}

/**
 * Serves a file of the built UI, or index.html for any other path so the
 * UI's own routes load. Paths that escape the folder get index.html too.
 */
export function serveStaticFile(
  request: IncomingMessage,
  response: ServerResponse,
  staticDir: string,
  pathname: string,
): void {
  setSecurityHeaders(response);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, {
      Allow: 'GET, HEAD',
      'Content-Type': 'text/plain; charset=utf-8',
    });
    response.end('Method not allowed. The UI is served with GET only.\n');
    return;
  }

  const root = path.resolve(staticDir);
  const file = resolveInside(root, pathname) ?? path.join(root, 'index.html');
  const target = isFile(file) ? file : path.join(root, 'index.html');

  if (!isFile(target)) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(
      `The UI is not built (no index.html in ${root}). Run npm run build:renderer, then reload.\n`,
    );
    return;
  }

  const isIndex = path.basename(target) === 'index.html';
  response.writeHead(200, {
    'Content-Type':
      contentTypes[path.extname(target).toLowerCase()] ??
      'application/octet-stream',
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=3600',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(target).pipe(response);
}

function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;

  const resolved = path.resolve(
    root,
    `.${path.posix.normalize(`/${decoded}`)}`,
  );
  return resolved === root || resolved.startsWith(root + path.sep)
    ? resolved
    : null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
