import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  defaultServerUrl,
  resolveAppPaths,
  resolveDataDir,
  resolveServerUrl,
} from './app-paths.js';

describe('resolveAppPaths', () => {
  it('reads migrations from resources when packaged', () => {
    const paths = resolveAppPaths({
      isPackaged: true,
      resourcesPath: '/opt/Galley/resources',
      appPath: '/opt/Galley/resources/app.asar',
    });

    expect(paths.migrationsFolder).toBe(
      path.join('/opt/Galley/resources', 'migrations', 'terminal'),
    );
  });

  it('reads migrations from the source tree in development', () => {
    const paths = resolveAppPaths({
      isPackaged: false,
      resourcesPath: '/unused',
      appPath: '/work/galley',
    });

    expect(paths.migrationsFolder).toBe(
      path.join('/work/galley', 'drizzle', 'terminal'),
    );
  });

  it('puts the bundles side by side under out', () => {
    const paths = resolveAppPaths({
      isPackaged: false,
      resourcesPath: '/unused',
      appPath: '/unused',
    });
    const outDir = path.dirname(path.dirname(paths.coreEntry));

    expect(path.basename(paths.coreEntry)).toBe('core-process.js');
    expect(paths.preload).toBe(path.join(outDir, 'preload', 'index.cjs'));
    expect(paths.rendererRoot).toBe(path.join(outDir, 'renderer'));
  });
});

describe('resolveDataDir', () => {
  it('uses data under userData by default', () => {
    expect(resolveDataDir('/home/ana/.config/Galley', {})).toBe(
      path.join('/home/ana/.config/Galley', 'data'),
    );
  });

  it('honours GALLEY_DATA_DIR', () => {
    expect(
      resolveDataDir('/home/ana/.config/Galley', {
        GALLEY_DATA_DIR: '/srv/truck-1',
      }),
    ).toBe(path.resolve('/srv/truck-1'));
  });

  it('ignores a blank GALLEY_DATA_DIR', () => {
    expect(resolveDataDir('/u', { GALLEY_DATA_DIR: '  ' })).toBe(
      path.join('/u', 'data'),
    );
  });
});

describe('resolveServerUrl', () => {
  it('defaults to the local server', () => {
    expect(resolveServerUrl({})).toBe(defaultServerUrl);
  });

  it('honours GALLEY_SERVER_URL', () => {
    expect(
      resolveServerUrl({ GALLEY_SERVER_URL: 'https://galley.example.com' }),
    ).toBe('https://galley.example.com');
  });
});
