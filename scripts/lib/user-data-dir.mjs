import path from 'node:path';

/**
 * Returns the folder where the headless terminal keeps its database and
 * tokens, following each OS's convention for per-user application data:
 * $XDG_DATA_HOME/Galley (default ~/.local/share/Galley) on Linux and other
 * Unixes, %APPDATA%\Galley on Windows, ~/Library/Application Support/Galley
 * on macOS. GALLEY_DATA_DIR, when set, replaces all of them.
 *
 * @param {{ platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homedir: string }} host
 * @returns {string}
 */
export function userDataDir({ platform, env, homedir }) {
  const override = env.GALLEY_DATA_DIR?.trim();
  if (override) return path.resolve(override);

  if (platform === 'win32') {
    const appData =
      env.APPDATA?.trim() || path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Galley');
  }

  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', 'Galley');
  }

  // The XDG spec says a relative XDG_DATA_HOME is invalid and is ignored.
  const xdgDataHome = env.XDG_DATA_HOME?.trim();
  const dataHome =
    xdgDataHome && path.posix.isAbsolute(xdgDataHome)
      ? xdgDataHome
      : path.posix.join(homedir, '.local', 'share');
  return path.posix.join(dataHome, 'Galley');
}
