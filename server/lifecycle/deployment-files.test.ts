import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { repositoryRoot } from '../ops/paths.js';
import { defaultShutdownTimeoutMs } from './graceful-shutdown.js';

interface Pm2App {
  name: string;
  cwd: string;
  script: string;
  interpreter_args: string;
  args: string[];
  kill_timeout: number;
  instances: number;
}

describe('pm2 ecosystem file', () => {
  const require = createRequire(import.meta.url);
  const config = require(
    path.join(repositoryRoot, 'ops/pm2/ecosystem.config.cjs'),
  ) as {
    apps: Pm2App[];
  };
  const app = config.apps[0];

  it('starts the server entry point', () => {
    expect(config.apps).toHaveLength(1);
    expect(app?.cwd).toBe(repositoryRoot);
    expect(existsSync(path.join(repositoryRoot, app?.script ?? ''))).toBe(true);
    expect(app?.interpreter_args).toBe('--import tsx');
    expect(app?.args).toContain('--data-dir');
    expect(app?.instances).toBe(1);
  });

  it('waits longer than the server drains', () => {
    expect(app?.kill_timeout).toBeGreaterThan(defaultShutdownTimeoutMs);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(
    path.join(repositoryRoot, 'Dockerfile'),
    'utf8',
  );

  it('copies only paths that exist', () => {
    const sources = [
      ...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm),
    ].flatMap((match) => match[1]?.split(' ') ?? []);
    expect(sources).toContain('server');
    for (const source of sources) {
      expect(existsSync(path.join(repositoryRoot, source)), source).toBe(true);
    }
  });

  it('runs the server entry point and probes liveness', () => {
    expect(dockerfile).toContain('"server/cli.ts"');
    expect(existsSync(path.join(repositoryRoot, 'server/cli.ts'))).toBe(true);
    expect(dockerfile).toContain('/health/live');
  });
});
