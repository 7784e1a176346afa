#!/usr/bin/env node
// `npm start`: the desktop app. With the Electron binary installed it
// builds the app and launches Electron. Without it (this is the case where
// the electron package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)
// it runs the same UI from the headless terminal and prints its URL.
// Arguments after `npm start --` go to Electron or to the terminal CLI.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { findElectronBinary } from './lib/electron-binary.mjs';
import { userDataDir } from './lib/user-data-dir.mjs';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const require = createRequire(import.meta.url);
const defaultServerUrl = 'http://127.0.0.1:4000';
const extraArgs = process.argv.slice(2);

const electronBinary = findElectronBinary();
if (electronBinary) {
  runStep('native-for.mjs electron', [
    path.join(repoRoot, 'scripts', 'native-for.mjs'),
    'electron',
  ]);
  runStep('electron-vite build', [electronViteCli(), 'build']);
  supervise(spawn(electronBinary, [repoRoot, ...extraArgs], childOptions()));
} else {
  console.log(
    'Electron is not installed here (installed with ' +
      'ELECTRON_SKIP_BINARY_DOWNLOAD=1), so Galley runs in headless mode ' +
      'instead: open the URL below in a browser.',
  );
  runStep('native-for.mjs node', [
    path.join(repoRoot, 'scripts', 'native-for.mjs'),
    'node',
  ]);
  runStep('ensure-renderer-build.mjs', [
    path.join(repoRoot, 'scripts', 'ensure-renderer-build.mjs'),
  ]);

  const dataDir = userDataDir({
    platform: process.platform,
    env: process.env,
    homedir: homedir(),
  });
  const serverUrl = process.env.GALLEY_SERVER_URL?.trim() || defaultServerUrl;
  console.log(`Data folder: ${dataDir}\nServer: ${serverUrl}`);

  // Node with tsx's loader rather than `npx tsx`, so the terminal is this
  // script's direct child and receives the forwarded signals itself.
  const cli = path.join(repoRoot, 'main', 'core', 'cli.ts');
  const args = [
    '--import',
    'tsx',
    cli,
    '--data-dir',
    dataDir,
    '--server',
    serverUrl,
    ...extraArgs,
  ];
  supervise(spawn(process.execPath, args, childOptions()));
}

function childOptions() {
  return { cwd: repoRoot, stdio: 'inherit', env: process.env };
}

/** Runs one preparation step with Node and stops here when it fails. */
function runStep(name, args) {
  const result = spawnSync(process.execPath, args, {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(
      `npm start stopped: ${name} failed (exit code ${result.status ?? result.signal}).`,
    );
    process.exit(1);
  }
}

/**
 * Forwards SIGINT and SIGTERM to the child and exits with its status, so
 * stopping this script stops the app, which then closes its database.
 */
function supervise(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(
      `npm start could not run ${child.spawnfile}: ${error.message}`,
    );
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function electronViteCli() {
  const packageDir = path.dirname(
    require.resolve('electron-vite/package.json'),
  );
  return path.join(packageDir, 'bin', 'electron-vite.js');
}
