import type { ChangeFeed } from '../changes/change-feed.js';
import {
  effectiveCursor,
  readTruckChangeState,
} from '../changes/truck-change-state.js';
import type { Database } from '../db/connection.js';
import type { DevicePrincipal } from '../trucks/devices.js';

/** How long a long-poll waits before it returns "no change". */
export const defaultLongPollMs = 25_000;

/**
 * Waits until something the device's truck pulls changes after `cursor`,
 * for at most `timeoutMs`. Returns true on a change, and false on timeout,
 * when the client goes away or when the server shuts down.
 *
 * It subscribes before the first check, so a change committed between the
 * check and the subscription still wakes it.
 */
export async function waitForChange(params: {
  db: Database;
  changes: ChangeFeed;
  device: DevicePrincipal;
  cursor: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}): Promise<boolean> {
  const { db, changes, device, timeoutMs, signal } = params;
  const since = await effectiveCursor(db, BigInt(params.cursor));
  const hasChanged = async () => {
    const state = await readTruckChangeState(db, device.truckId);
    return state !== undefined && state.latest > since;
  };

  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    let checking = false;
    let recheck = false;

    const cleanUp = () => {
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      changes.closing.removeEventListener('abort', onAbort);
    };
    const finish = (changed: boolean) => {
      if (settled) return;
      cleanUp();
      resolve(changed);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      cleanUp();
      reject(error);
    };

    // Notifications may arrive while a check runs; one more check after it
    // covers them all, so checks never pile up.
    const check = () => {
      if (settled) return;
      if (checking) {
        recheck = true;
        return;
      }
      checking = true;
      hasChanged()
        .then((changed) => {
          checking = false;
          if (changed) finish(true);
          else if (recheck) {
            recheck = false;
            check();
          }
        })
        .catch(fail);
    };
    const onAbort = () => finish(false);

    const unsubscribe = changes.subscribe(device.organizationId, check);
    const timer = setTimeout(() => finish(false), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    changes.closing.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted || changes.closing.aborted) finish(false);
    else check();
  });
}
