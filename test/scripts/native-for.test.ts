import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  classifyLoadError,
  markerMatches,
  writeMarker,
} from '../../scripts/lib/native-module.mjs';
import { repoRoot } from '../support/processes.js';

const script = path.join(repoRoot, 'scripts', 'native-for.mjs');

function runScript(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

describe('native-for.mjs', () => {
  it('leaves better-sqlite3 loadable in node', () => {
    const result = runScript('node');
    expect(result.status).toBe(0);

    const load = spawnSync(
      process.execPath,
      [
        '-e',
        "const Database = require('better-sqlite3');" +
          "console.log(new Database(':memory:').prepare('select 41 + 1 as n').get().n);",
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(load.stderr).toBe('');
    expect(load.stdout.trim()).toBe('42');
  });

  it('rejects an unknown runtime', () => {
    const result = runScript('deno');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown runtime "deno"');
    expect(result.stderr).toContain('node|electron');
  });
});

describe('classifyLoadError', () => {
  it.each([
    [
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 139. This version of Node.js requires NODE_MODULE_VERSION 115.",
      'abi-mismatch',
    ],
    [
      'Error: Could not locate the bindings file. Tried: /x/build/Release/better_sqlite3.node',
      'missing-build',
    ],
    ["Cannot find module 'better-sqlite3'", 'missing-build'],
    ['SqliteError: disk I/O error', 'other'],
  ] as const)('classifies %s', (message, expected) => {
    expect(classifyLoadError(message)).toBe(expected);
  });
});

describe('build marker', () => {
  let releaseDir = '';

  afterEach(() => {
    rmSync(releaseDir, { recursive: true, force: true });
  });

  function fakeBuild(): string {
    releaseDir = mkdtempSync(path.join(tmpdir(), 'galley-native-'));
    writeFileSync(path.join(releaseDir, 'better_sqlite3.node'), 'binary');
    return releaseDir;
  }

  it('matches the runtime it was written for', () => {
    const dir = fakeBuild();
    writeMarker(dir, { runtime: 'electron', version: '38.8.6' });

    expect(markerMatches(dir, { runtime: 'electron', version: '38.8.6' })).toBe(
      true,
    );
    expect(markerMatches(dir, { runtime: 'electron', version: '39.0.0' })).toBe(
      false,
    );
    expect(markerMatches(dir, { runtime: 'node', version: '38.8.6' })).toBe(
      false,
    );
  });

  it('goes stale when the binary changes', () => {
    const dir = fakeBuild();
    const target = { runtime: 'electron', version: '38.8.6' } as const;
    writeMarker(dir, target);

    const binary = path.join(dir, 'better_sqlite3.node');
    writeFileSync(binary, 'another binary');
    utimesSync(binary, new Date(2030, 0, 1), new Date(2030, 0, 1));

    expect(markerMatches(dir, target)).toBe(false);
  });

  it('does not match without a marker', () => {
    const dir = fakeBuild();

    expect(markerMatches(dir, { runtime: 'node', version: '20.0.0' })).toBe(
      false,
    );
  });
});
