import type { FailSoftCache } from './fail-soft-cache.js';
import { cacheKeys, cacheTtlSeconds } from './keys.js';

/** A menu version as cached: the version number travels with the menu. */
export interface VersionedMenu {
  version: number;
}

/**
 * Reads a truck's active menu through the cache. The caller passes the
 * active version from the truck row it already holds. A cached menu of
 * any other version counts as a miss and is replaced, so a lost
 * invalidation cannot serve an old menu to a terminal.
 */
export async function readActiveMenu<T extends VersionedMenu>(
  cache: FailSoftCache,
  truckId: string,
  activeVersion: number | null,
  load: () => Promise<T | null>,
): Promise<T | null> {
  if (activeVersion === null) return null;
  return cache.readThrough(
    cacheKeys.menu(truckId),
    cacheTtlSeconds.menu,
    load,
    (cached) => cached?.version === activeVersion,
  );
}

/** Deletes a truck's cached menu; call after its menu changes. */
export function invalidateMenu(
  cache: FailSoftCache,
  truckId: string,
): Promise<void> {
  return cache.del(cacheKeys.menu(truckId));
}
