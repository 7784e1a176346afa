import { keyNamespace } from './cache.js';

/**
 * Every cache key the server uses, and how long each may live. A write
 * that changes the data behind a key deletes that key in the same request,
 * so the TTL only bounds staleness when a delete is lost (Redis down
 * during the write).
 */
export const cacheKeys = {
  /** The active menu version of one truck, as terminals pull it. */
  menu: (truckId: string) => `${keyNamespace}menu:${truckId}`,
  /**
   * The active trucks of one organization. The list is kept per
   * organization because no caller may see another organization's trucks.
   */
  activeTrucks: (organizationId: string) =>
    `${keyNamespace}trucks:active:${organizationId}`,
} as const;

export const cacheTtlSeconds = {
  menu: 300,
  activeTrucks: 60,
} as const;

/** Prefixes accepted by `npm run cache:clear`, for its help text. */
export const cacheKeyPatterns = [
  `${keyNamespace}menu:<truckId>`,
  `${keyNamespace}trucks:active:<organizationId>`,
];
