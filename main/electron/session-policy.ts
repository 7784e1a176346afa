import type { Session, WebContents } from 'electron';

import { logger } from './logger.js';
import { isAllowedRequest, isAppUrl } from './security.js';

const log = logger.child({ module: 'session-policy' });

/**
 * Applies the content rules to a session: the CSP header on every HTTP
 * response (the dev server's included), no request to any other origin,
 * and no permission (camera, notifications, USB and the rest) ever granted.
 */
export function lockDownSession(
  session: Session,
  policy: string,
  devServerOrigin?: string,
): void {
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      const allowed = isAllowedRequest(details.url, devServerOrigin);
      if (!allowed) log.warn({ url: details.url }, 'blocked remote request');
      callback({ cancel: !allowed });
    },
  );

  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
      },
    });
  });

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'denied permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Keeps a web contents on the app: navigation elsewhere is cancelled,
 * window.open is denied and no <webview> may attach.
 */
export function lockDownContents(
  contents: WebContents,
  devServerOrigin?: string,
): void {
  const stayOnApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, devServerOrigin)) return;
    event.preventDefault();
    log.warn({ url }, 'blocked navigation away from the app');
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);

  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'denied window.open');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
