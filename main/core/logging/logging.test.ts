import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createCoreLogger, createDeferredFileLogger } from '../logger.js';
import { makeTempDir, removeDir } from '../testing/test-core.js';
import { RepeatLimiter } from './repeat-limiter.js';
import { RotatingFile } from './rotating-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempDir(): string {
  const dir = makeTempDir('galley-logging-');
  dirs.push(dir);
  return dir;
}

describe('RepeatLimiter', () => {
  it('admits the first event and counts skipped repeats', () => {
    let now = 0;
    const limiter = new RepeatLimiter({ windowMs: 60_000, now: () => now });

    expect(limiter.admit('sync-failed')).toEqual({ suppressedRepeats: 0 });
    now = 1_000;
    expect(limiter.admit('sync-failed')).toBeNull();
    now = 59_999;
    expect(limiter.admit('sync-failed')).toBeNull();
    now = 60_000;
    expect(limiter.admit('sync-failed')).toEqual({ suppressedRepeats: 2 });
    expect(limiter.admit('sync-failed')).toBeNull();
  });

  it('limits each key on its own', () => {
    const limiter = new RepeatLimiter({ now: () => 0 });

    expect(limiter.admit('a')).toEqual({ suppressedRepeats: 0 });
    expect(limiter.admit('b')).toEqual({ suppressedRepeats: 0 });
    expect(limiter.admit('a')).toBeNull();
  });

  it('admits at once after a reset', () => {
    const limiter = new RepeatLimiter({ now: () => 0 });
    limiter.admit('a');
    limiter.admit('a');
    limiter.reset('a');

    expect(limiter.admit('a')).toEqual({ suppressedRepeats: 0 });
  });
});

describe('RotatingFile', () => {
  it('rotates at maxBytes and keeps maxFiles', () => {
    const dir = tempDir();
    const file = new RotatingFile({ dir, maxBytes: 100, maxFiles: 2 });
    const line = `${'x'.repeat(39)}\n`;
    for (let index = 0; index < 12; index += 1) file.write(line);
    file.close();

    expect(file.files().map((name) => path.basename(name))).toEqual([
      'terminal.log',
      'terminal.log.1',
      'terminal.log.2',
    ]);
    for (const name of file.files()) {
      expect(statSync(name).size).toBeLessThanOrEqual(100);
    }
    // 12 lines of 40 bytes, 2 per file: the 6 newest survive.
    expect(readFileSync(file.files()[0]!, 'utf8')).toBe(line.repeat(2));
    expect(statSync(path.join(dir, 'terminal.log')).mode & 0o777).toBe(0o600);
  });

  it('appends to an existing file after a restart', () => {
    const dir = tempDir();
    const first = new RotatingFile({ dir, maxBytes: 1_000 });
    first.write('one\n');
    first.close();
    const second = new RotatingFile({ dir, maxBytes: 1_000 });
    second.write('two\n');
    second.close();

    expect(readFileSync(path.join(dir, 'terminal.log'), 'utf8')).toBe(
      'one\ntwo\n',
    );
  });
});

describe('createCoreLogger', () => {
  it('writes JSON lines to DIR/logs without secrets', () => {
    const dataDir = tempDir();
    const logger = createCoreLogger({ dataDir, level: 'info' });

    logger.info(
      {
        deviceToken: 'device-token-123',
        settings: { deviceToken: 'nested-token-456' },
        password: 'owner-password-789',
        request: { pin: '918273', note: 'call Jane at 555 0142' },
        entryId: '0190a6d2-0000-7000-8000-000000000001',
      },
      'sync attempt',
    );
    logger.flush();

    const text = readFileSync(
      path.join(dataDir, 'logs', 'terminal.log'),
      'utf8',
    );
    const line = JSON.parse(text.trim()) as Record<string, unknown>;
    expect(line.msg).toBe('sync attempt');
    expect(line.entryId).toBe('0190a6d2-0000-7000-8000-000000000001');
    for (const secret of [
      'device-token-123',
      'nested-token-456',
      'owner-password-789',
      '918273',
      'Jane',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('createDeferredFileLogger', () => {
  it('writes to DIR/logs from logToDataDir on', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'logs', 'terminal.log');
    const { logger, logToDataDir } = createDeferredFileLogger({
      level: 'info',
    });

    logger.info('before the data directory is known');
    expect(existsSync(file)).toBe(false);

    logToDataDir(dataDir);
    logToDataDir(dataDir);
    logger.child({ module: 'sync' }).warn({ pin: '918273' }, 'after');
    logger.flush();

    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'after',
      module: 'sync',
      pin: '[redacted]',
      name: 'galley-terminal',
    });
  });

  it('writes a process of its own to its own file', () => {
    const dataDir = tempDir();
    const { logger, logToDataDir } = createDeferredFileLogger({
      level: 'info',
      name: 'galley-desktop',
      fileName: 'desktop.log',
    });
    logToDataDir(dataDir);
    logger.info('desktop started');
    logger.flush();

    const line = JSON.parse(
      readFileSync(path.join(dataDir, 'logs', 'desktop.log'), 'utf8'),
    ) as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: 'desktop started',
      name: 'galley-desktop',
    });
    expect(existsSync(path.join(dataDir, 'logs', 'terminal.log'))).toBe(false);
  });
});
