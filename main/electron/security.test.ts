import { describe, expect, it } from 'vitest';

import {
  appVersionArgument,
  contentSecurityPolicy,
  isAllowedRequest,
  isAppUrl,
  windowWebPreferences,
} from './security.js';

describe('contentSecurityPolicy', () => {
  it('allows only the app origin in production', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
  });

  it('adds the dev server and inline code in development', () => {
    const policy = contentSecurityPolicy({
      devServerOrigin: 'http://localhost:5173',
    });

    expect(policy).toContain(
      "script-src 'self' http://localhost:5173 'unsafe-inline'",
    );
    expect(policy).toContain(
      "connect-src 'self' http://localhost:5173 ws://localhost:5173",
    );
    expect(policy).toContain("object-src 'none'");
  });

  it('never allows eval or remote hosts', () => {
    const policy = contentSecurityPolicy();

    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('http');
    expect(policy).not.toContain('*');
  });
});

describe('windowWebPreferences', () => {
  const preferences = windowWebPreferences(
    '/app/out/preload/index.cjs',
    '1.2.3',
  );

  it('isolates and sandboxes the renderer', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
  });

  it('sets the preload and passes the version', () => {
    expect(preferences.preload).toBe('/app/out/preload/index.cjs');
    expect(preferences.additionalArguments).toEqual([
      `${appVersionArgument}1.2.3`,
    ]);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://galley/index.html', undefined, true],
    ['app://galley/orders', undefined, true],
    ['app://other/index.html', undefined, false],
    ['https://example.com/', undefined, false],
    ['file:///etc/passwd', undefined, false],
    ['http://localhost:5173/', undefined, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['not a url', undefined, false],
  ])('%s with dev server %s is %s', (url, devOrigin, expected) => {
    expect(isAppUrl(url, devOrigin)).toBe(expected);
  });
});

describe('isAllowedRequest', () => {
  it('blocks every request without a dev server', () => {
    expect(isAllowedRequest('http://127.0.0.1:4000/trpc')).toBe(false);
    expect(isAllowedRequest('https://example.com/')).toBe(false);
  });

  it('allows the dev server and its socket only', () => {
    const dev = 'http://localhost:5173';

    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(
      true,
    );
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:4000/', dev)).toBe(false);
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
  });
});
