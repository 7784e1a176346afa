import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Returns the path of the Electron executable, or null when the electron
 * package was installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1
 * or a failed download). The package's main module throws in that case,
 * and returns a path that may not exist when ELECTRON_OVERRIDE_DIST_PATH
 * is set.
 *
 * @returns {string | null}
 */
export function findElectronBinary() {
  let binary;
  try {
    binary = require('electron');
  } catch {
    return null;
  }
  return typeof binary === 'string' && existsSync(binary) ? binary : null;
}

/** @returns {string} */
export function electronVersion() {
  return require('electron/package.json').version;
}
