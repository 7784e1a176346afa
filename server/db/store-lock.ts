import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { GalleyError } from '../../shared/errors.js';

export interface StoreLock {
  release(): Promise<void>;
}

const lockFileName = 'server.lock';

/**
 * Takes the embedded store's lock file. PGlite has a single writer and no
 * lock of its own, so a second process opening the same folder would
 * corrupt it. A lock left by a process that no longer runs is taken over.
 */
export async function acquireStoreLock(dataDir: string): Promise<StoreLock> {
  const lockPath = path.join(dataDir, lockFileName);

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(lockPath, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return { release: () => rm(lockPath, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const holder = await readHolderPid(lockPath);
    if (holder !== undefined && isRunning(holder)) {
      throw new GalleyError(
        'CONFLICT',
        `The data directory ${dataDir} is in use by another Galley server ` +
          `(process ${holder}). Stop that process first, or use another --data-dir.`,
      );
    }
    await rm(lockPath, { force: true });
  }

  throw new GalleyError(
    'CONFLICT',
    `Could not lock the data directory ${dataDir}. Check that no other ` +
      'process is starting on it, then try again.',
  );
}

async function readHolderPid(lockPath: string): Promise<number | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
