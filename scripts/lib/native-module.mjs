import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Classifies a failure to load better-sqlite3: `abi-mismatch` when the binary was
 * built for another runtime (Node.js and Electron use different
 * NODE_MODULE_VERSIONs), `missing-build` when no binary exists, `other` for
 * anything a rebuild would not fix.
 *
 * @param {string} message
 * @returns {'abi-mismatch' | 'missing-build' | 'other'}
 */
export function classifyLoadError(message) {
  if (
    /NODE_MODULE_VERSION|compiled against a different Node\.js/.test(message)
  ) {
    return 'abi-mismatch';
  }
  if (
    /Could not locate the bindings file|better_sqlite3\.node|Cannot find module .*better-sqlite3/.test(
      message,
    )
  ) {
    return 'missing-build';
  }
  return 'other';
}

/** File name of the marker kept next to the compiled binary. */
export const markerName = '.galley-runtime.json';

/**
 * Describes which runtime the binary in `releaseDir` was built for. The
 * binary's size and mtime are part of it, so a rebuild by anything else
 * (npm install, npm rebuild) makes the marker stale. A clean rebuild
 * deletes the folder and the marker with it.
 *
 * @param {string} releaseDir
 * @param {{ runtime: 'node' | 'electron', version: string }} target
 */
export function buildStamp(releaseDir, target) {
  const binary = statSync(path.join(releaseDir, 'better_sqlite3.node'));
  return { ...target, size: binary.size, mtimeMs: binary.mtimeMs };
}

/**
 * Tells whether the marker in `releaseDir` records a build for `target`
 * that is still the binary on disk.
 *
 * @param {string} releaseDir
 * @param {{ runtime: 'node' | 'electron', version: string }} target
 * @returns {boolean}
 */
export function markerMatches(releaseDir, target) {
  try {
    const recorded = JSON.parse(
      readFileSync(path.join(releaseDir, markerName), 'utf8'),
    );
    const current = buildStamp(releaseDir, target);
    return (
      recorded.runtime === current.runtime &&
      recorded.version === current.version &&
      recorded.size === current.size &&
      recorded.mtimeMs === current.mtimeMs
    );
  } catch {
    return false;
  }
}

/**
 * @param {string} releaseDir
 * @param {{ runtime: 'node' | 'electron', version: string }} target
 */
export function writeMarker(releaseDir, target) {
  const stamp = buildStamp(releaseDir, target);
  writeFileSync(
    path.join(releaseDir, markerName),
    `${JSON.stringify(stamp)}\n`,
  );
}
