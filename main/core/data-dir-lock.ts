import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

import { GalleyError } from '../../shared/errors.js';

export const lockFileName = 'terminal.lock';

/**
 * Takes the data directory for this process. Two cores on one database would
 * both number orders from the same daily counter and both run a sync loop,
 * so a second start is rejected while the first one's pid is alive. A lock
 * left by a crashed process is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const file = path.join(dataDir, lockFileName);

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return { release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const holder = readHolderPid(file);
    if (holder !== null && holder !== process.pid && isAlive(holder)) {
      throw new GalleyError(
        'CONFLICT',
        `Another Galley terminal (pid ${holder}) is already using ${dataDir}. Stop it first, or start this one with another --data-dir.`,
      );
    }
    rmSync(file, { force: true });
  }

  throw new GalleyError(
    'CONFLICT',
    `Cannot take the lock file ${file}. Check that no other terminal uses ${dataDir}, delete the file, and start again.`,
  );
}

function readHolderPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOurs(file: string): void {
  if (readHolderPid(file) === process.pid) rmSync(file, { force: true });
}
