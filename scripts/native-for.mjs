#!/usr/bin/env node
// Makes better-sqlite3 load in the runtime about to load it. Node.js and
// Electron need differently built binaries (NODE_MODULE_VERSION), so
// `npm test` runs this for node and `npm start` for electron; either order
// works. When the binary already fits, it returns within a second.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { electronVersion, findElectronBinary } from './lib/electron-binary.mjs';
import {
  classifyLoadError,
  markerMatches,
  writeMarker,
} from './lib/native-module.mjs';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const require = createRequire(import.meta.url);
const probe =
  "const Database = require('better-sqlite3');" +
  "new Database(':memory:').prepare('select 1').get();";

const runtime = process.argv[2];
if (runtime === 'node') {
  process.exitCode = prepareForNode();
} else if (runtime === 'electron') {
  process.exitCode = prepareForElectron();
} else {
  console.error(
    `Unknown runtime "${runtime ?? ''}". ` +
      'Usage: node scripts/native-for.mjs node|electron',
  );
  process.exitCode = 2;
}

function prepareForNode() {
  const target = { runtime: 'node', version: process.versions.node };
  const first = loadIn(process.execPath, {});
  if (first.ok) {
    recordBuild(target);
    return 0;
  }

  const kind = classifyLoadError(first.message);
  if (kind === 'other') {
    console.error(
      `better-sqlite3 failed to load in Node.js:\n${first.message}`,
    );
    return 1;
  }

  console.log(
    `better-sqlite3 is not built for Node.js ${target.version} (${kind}); ` +
      'rebuilding it, which can take a few minutes.',
  );
  if (!runNpm(['rebuild', 'better-sqlite3'])) {
    console.error('npm rebuild better-sqlite3 failed; see the output above.');
    return 1;
  }

  const second = loadIn(process.execPath, {});
  if (!second.ok) {
    console.error(
      `better-sqlite3 still fails to load after the rebuild:\n${second.message}`,
    );
    return 1;
  }
  recordBuild(target);
  console.log(`better-sqlite3 is rebuilt for Node.js ${target.version}.`);
  return 0;
}

function prepareForElectron() {
  const binary = findElectronBinary();
  if (!binary) {
    console.error(
      'The Electron binary is not installed (the electron package was ' +
        'installed without it, as ELECTRON_SKIP_BINARY_DOWNLOAD=1 does), so ' +
        'better-sqlite3 cannot be built for it. Install the binary first.',
    );
    return 1;
  }

  const target = { runtime: 'electron', version: electronVersion() };
  if (markerMatches(releaseDir(), target)) return 0;

  // Electron run as Node keeps Electron's NODE_MODULE_VERSION, so this
  // checks the binary exactly as the utility process will load it.
  const asElectron = { ELECTRON_RUN_AS_NODE: '1' };
  if (!loadIn(binary, asElectron).ok) {
    console.log(
      `Rebuilding better-sqlite3 for Electron ${target.version}; ` +
        'this can take a few minutes.',
    );
    const cli = path.join(packageDir('electron-builder'), 'cli.js');
    const rebuilt = spawnSync(process.execPath, [cli, 'install-app-deps'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (rebuilt.status !== 0) {
      console.error('electron-builder install-app-deps failed; see above.');
      return 1;
    }
  }

  const check = loadIn(binary, asElectron);
  if (!check.ok) {
    console.error(
      `better-sqlite3 fails to load in Electron:\n${check.message}`,
    );
    return 1;
  }
  recordBuild(target);
  return 0;
}

/** Loads better-sqlite3 in a child, so no binary stays loaded in this one. */
function loadIn(executable, env) {
  const result = spawnSync(executable, ['-e', probe], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return {
    ok: result.status === 0,
    message: result.stderr || String(result.error ?? ''),
  };
}

function runNpm(args) {
  // Under `npm run`, npm_execpath is npm's own CLI script, which avoids
  // looking up npm.cmd on Windows.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, ...args], {
        cwd: repoRoot,
        stdio: 'inherit',
      })
    : spawnSync('npm', args, {
        cwd: repoRoot,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  return result.status === 0;
}

function recordBuild(target) {
  try {
    writeMarker(releaseDir(), target);
  } catch {
    // NOTE: a build without build/Release (a prebuilt binary in another
    // folder) gets no marker, so the electron check always loads it.
  }
}

function packageDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function releaseDir() {
  return path.join(packageDir('better-sqlite3'), 'build', 'Release');
}
