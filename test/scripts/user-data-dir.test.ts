import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { userDataDir } from '../../scripts/lib/user-data-dir.mjs';

describe('userDataDir', () => {
  it('uses ~/.local/share on Linux', () => {
    expect(
      userDataDir({ platform: 'linux', env: {}, homedir: '/home/ana' }),
    ).toBe('/home/ana/.local/share/Galley');
  });

  it('honours an absolute XDG_DATA_HOME', () => {
    expect(
      userDataDir({
        platform: 'linux',
        env: { XDG_DATA_HOME: '/data/xdg' },
        homedir: '/home/ana',
      }),
    ).toBe('/data/xdg/Galley');
  });

  it('ignores a relative XDG_DATA_HOME', () => {
    expect(
      userDataDir({
        platform: 'linux',
        env: { XDG_DATA_HOME: 'relative/xdg' },
        homedir: '/home/ana',
      }),
    ).toBe('/home/ana/.local/share/Galley');
  });

  it('uses APPDATA on Windows', () => {
    expect(
      userDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' },
        homedir: 'C:\\Users\\Ana',
      }),
    ).toBe('C:\\Users\\Ana\\AppData\\Roaming\\Galley');
  });

  it('falls back to the roaming folder without APPDATA', () => {
    expect(
      userDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\Ana' }),
    ).toBe('C:\\Users\\Ana\\AppData\\Roaming\\Galley');
  });

  it('uses Application Support on macOS', () => {
    expect(
      userDataDir({ platform: 'darwin', env: {}, homedir: '/Users/ana' }),
    ).toBe('/Users/ana/Library/Application Support/Galley');
  });

  it('lets GALLEY_DATA_DIR win everywhere', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(
        userDataDir({
          platform,
          env: { GALLEY_DATA_DIR: '/srv/truck-1', XDG_DATA_HOME: '/x' },
          homedir: '/home/ana',
        }),
      ).toBe(path.resolve('/srv/truck-1'));
    }
  });
});
