import { execFileSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  fstatSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { TerminalCore } from '../../main/core/terminal-core.js';
import {
  localCaller,
  makeTempDir,
  openTestCore,
  removeDir,
  seedPairedTerminal,
  tableCounts,
} from '../../main/core/testing/test-core.js';
import { tacoOrder } from '../support/fault-stack.js';

/**
 * A real full disk: the terminal's data folder on a 4 MB tmpfs that a
 * filler file fills up, so SQLite gets ENOSPC from the kernel. Mounting
 * needs root, which .ci/run and these machines have.
 */
const diskBytes = 4 * 1024 * 1024;
let mounted: string | null = null;
let core: TerminalCore | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
  if (mounted) {
    execFileSync('umount', [mounted]);
    removeDir(mounted);
    mounted = null;
  }
});

function mountSmallDisk(): string {
  const dir = makeTempDir('galley-small-disk-');
  try {
    execFileSync(
      'mount',
      ['-t', 'tmpfs', '-o', `size=${diskBytes},mode=0700`, 'tmpfs', dir],
      { stdio: 'pipe' },
    );
  } catch (error) {
    removeDir(dir);
    const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
    throw new Error(
      `Mounting a ${diskBytes}-byte tmpfs on ${dir} failed: ${stderr.trim()}. ` +
        'This test needs root to mount it; run the tests as root, as .ci/run does.',
    );
  }
  mounted = dir;
  return dir;
}

/** Writes zeros to `file` until the disk is full, then frees `spareBytes`. */
function fillDisk(file: string, spareBytes: number): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      try {
        writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
    ftruncateSync(fd, Math.max(0, fstatSync(fd).size - spareBytes));
  } finally {
    closeSync(fd);
  }
}

describe('full disk on a real file system', () => {
  it('fails the order cleanly and recovers', async () => {
    const dataDir = path.join(mountSmallDisk(), 'data');
    core = openTestCore({ dataDir });
    seedPairedTerminal(core);
    const api = localCaller(core);
    const before: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      before.push((await api.orders.create(tacoOrder)).id);
    }

    const filler = path.join(dataDir, '..', 'photos.bin');
    fillDisk(filler, 256 * 1024);

    let failure: unknown = null;
    let ordersTaken = 0;
    for (let attempt = 0; attempt < 200 && failure === null; attempt += 1) {
      const countsBefore = tableCounts(core);
      try {
        await api.orders.create(tacoOrder);
        ordersTaken += 1;
      } catch (error) {
        failure = error;
        expect(tableCounts(core)).toEqual(countsBefore);
      }
    }

    // Some orders fit in the space left before the disk is full.
    expect(ordersTaken).toBeGreaterThan(0);
    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(
        /^Not saved: the disk of this computer is full\. Nothing of this change was written/,
      ),
    });
    const counts = tableCounts(core);
    expect(counts.orders).toBe(3 + ordersTaken);
    expect(counts.outbox).toBe(counts.orders);
    expect(counts.payments).toBe(counts.orders);
    expect(core.syncStatus().pending).toBe(counts.orders);
    const listed = (await api.orders.list({})).map((order) => order.id);
    for (const id of before) expect(listed).toContain(id);

    // Freeing space is enough: the next order commits on the same connection.
    rmSync(filler);
    const after = await api.orders.create(tacoOrder);
    expect(tableCounts(core).orders).toBe(3 + ordersTaken + 1);
    expect((await api.orders.list({})).map((order) => order.id)).toContain(
      after.id,
    );
    expect(core.database.sqlite.pragma('quick_check', { simple: true })).toBe(
      'ok',
    );
  });
});
