import type { WebPreferences } from 'electron';

/**
 * Origin of the built renderer. It is served over the privileged `app:`
 * scheme rather than `file:`, so that the page has a real origin for
 * `'self'` and the response can carry a Content-Security-Policy header.
 */
export const appOrigin = 'app://galley';

export interface PolicyOptions {
  /**
   * Origin of the Vite dev server in development. Vite injects inline
   * scripts and styles and talks to the page over a WebSocket, so only
   * then does the policy allow inline code and that one origin.
   */
  devServerOrigin?: string;
}

/**
 * Builds the Content-Security-Policy of every page in the app. The page
 * loads code and assets only from its own origin and may contact nothing
 * else, because the local API reaches it over a MessagePort, not the network.
 */
export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const dev = options.devServerOrigin;
  const self = dev ? `'self' ${dev}` : "'self'";
  const inline = dev ? " 'unsafe-inline'" : '';
  const socket = dev ? ` ${dev.replace(/^http/, 'ws')}` : '';

  const directives = [
    `default-src ${self}`,
    `script-src ${self}${inline}`,
    `style-src ${self}${inline}`,
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${self}${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/**
 * Returns the webPreferences of every app window. The renderer gets no
 * Node.js, runs in the Chromium sandbox and reaches the preload only
 * through contextBridge.
 */
export function windowWebPreferences(
  preloadPath: string,
  appVersion: string,
): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // The sandboxed preload cannot reach `app`, so the version travels as
    // an argument that the preload reads from process.argv.
    additionalArguments: [`${appVersionArgument}${appVersion}`],
  };
}

/** Prefix of the command-line argument that carries the app version. */
export const appVersionArgument = '--galley-app-version=';

/**
 * Tells whether a window may navigate to `url`: only pages of the app
 * itself, or of the dev server in development, are allowed.
 */
export function isAppUrl(url: string, devServerOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }

  // URL.origin is "null" for a custom scheme such as app:, so the origin
  // is rebuilt from the scheme and host.
  const origin = `${parsed.protocol}//${parsed.host}`;
  const allowed = [appOrigin, devServerOrigin].filter(Boolean);
  return allowed.includes(origin);
}

/**
 * Tells whether the session may send a network request to `url`. The app
 * needs none, so only the dev server, and its WebSocket for hot reload,
 * are reachable, and only in development.
 */
export function isAllowedRequest(
  url: string,
  devServerOrigin?: string,
): boolean {
  if (!devServerOrigin) return false;

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }

  const socketOrigin = devServerOrigin.replace(/^http/, 'ws');
  return parsed.origin === devServerOrigin || parsed.origin === socketOrigin;
}
