import path from 'node:path';

import { appOrigin } from './security.js';

/**
 * Maps an `app://galley/...` request to a file under the built renderer.
 * Returns null for other hosts and for any path that would leave
 * `rendererRoot`, so a crafted URL cannot read the rest of the disk.
 * Paths without an extension are client-side routes and get index.html.
 */
export function resolveRendererFile(
  rendererRoot: string,
  requestUrl: string,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (`${url.protocol}//${url.host}` !== appOrigin) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;

  const root = path.resolve(rendererRoot);
  const relative = path.extname(pathname) === '' ? 'index.html' : pathname;
  const file = path.resolve(root, `.${path.posix.sep}${relative}`);
  if (!file.startsWith(root + path.sep)) return null;

  return file;
}
