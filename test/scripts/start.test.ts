import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  eventually,
  findFreePort,
  makeTempDir,
  repoRoot,
} from '../support/processes.js';

const readyLine = /Galley terminal ready at (http:\/\/127\.0\.0\.1:\d+\/\S*)/;

describe('npm start without the Electron binary', () => {
  const cleanups: (() => void)[] = [];

  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  it('serves the UI headless and stops on SIGTERM', async () => {
    const dataDir = makeTempDir('start');
    const noElectron = makeTempDir('no-electron');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(noElectron, { recursive: true, force: true }));
    const port = await findFreePort();
    const unusedServerPort = await findFreePort();

    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'start.mjs'), '--port', String(port)],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          GALLEY_DATA_DIR: dataDir,
          GALLEY_SERVER_URL: `http://127.0.0.1:${unusedServerPort}`,
          // Points the electron package at an empty folder, so the binary
          // counts as missing even where one is installed.
          ELECTRON_OVERRIDE_DIST_PATH: noElectron,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );

    await eventually(
      'the ready line',
      async () => {
        if (child.exitCode !== null) throw new Error(output);
        return readyLine.test(output);
      },
      120_000,
    );

    expect(output).toContain(
      'Electron is not installed here (installed with ' +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1), so Galley runs in headless mode ' +
        'instead: open the URL below in a browser.',
    );
    expect(output).toContain(`Data folder: ${dataDir}`);
    const url = readyLine.exec(output)![1]!;
    expect(url.startsWith(`http://127.0.0.1:${port}/`)).toBe(true);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<div id="root"></div>');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  }, 180_000);
});
