import type { KeySpace } from '@hark/core';

/**
 * The Redis keys of entitlements that every service reads through this client. The entitlement
 * service writes plans, kill switches and projections (and announces changes); this client counts
 * quota usage.
 */
export function entitlementKeys(space: KeySpace) {
  return {
    /** Hash: plan id -> plan JSON (features, limits, price). Written by services/entitlements. */
    plans: () => space.global('entitlements:plans'),
    /** Hash: feature -> "off" for features switched off for everyone. Written by services/entitlements. */
    killSwitches: () => space.global('entitlements:kill-switches'),
    /** Pub/sub channel: an entitlement projection, a plan or a kill switch changed. Published by services/entitlements. */
    entitlementsChannel: () => space.global('entitlements:changed'),
    /** String (JSON): the user's entitlement projection (plan id, source, subscription). Written by services/entitlements. */
    entitlement: (userId: string) => space.user(userId, 'entitlement'),
    /** String (integer) with a TTL: a quota's usage in one period, e.g. turns on 2026-11-26 (QuotaMeter). */
    usage: (userId: string, quota: string, period: string) => space.user(userId, `usage:${quota}:${period}`),
  };
}

export type EntitlementKeys = ReturnType<typeof entitlementKeys>;
