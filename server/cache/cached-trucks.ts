import type { FailSoftCache } from './fail-soft-cache.js';
import { cacheKeys, cacheTtlSeconds } from './keys.js';

/**
 * Reads an organization's truck list through the cache. `load` must
 * return JSON-safe values (strings and numbers, no Date or bigint), since
 * Redis stores them as JSON.
 */
export function readTruckList<T>(
  cache: FailSoftCache,
  organizationId: string,
  load: () => Promise<T[]>,
): Promise<T[]> {
  return cache.readThrough(
    cacheKeys.activeTrucks(organizationId),
    cacheTtlSeconds.activeTrucks,
    load,
  );
}

/** Deletes an organization's cached truck list; call after any truck or menu write. */
export function invalidateTruckList(
  cache: FailSoftCache,
  organizationId: string,
): Promise<void> {
  return cache.del(cacheKeys.activeTrucks(organizationId));
}
