import { defineScripts } from '@hark/core';

const lua = (file: string) => new URL(`../lua/${file}`, import.meta.url);

/** The Lua scripts of services/entitlements/lua; each file's header lists KEYS, ARGV and output. */
export interface EntitlementsScripts {
  /** Resolves 1 when written (and published), 0 when the document changed since it was read. */
  compareAndSetJson(
    key: string,
    expectedJson: string,
    newJson: string,
    channel: string,
    message: string,
  ): Promise<number>;
  /** Resolves 1 when released, 0 when the lock was gone or held by another token. */
  releaseLock(lock: string, token: string): Promise<number>;
  /** Resolves 1 when the lock's TTL was renewed, 0 when it was gone or held by another token. */
  extendLock(lock: string, token: string, ttlMs: number): Promise<number>;
  /** Resolves 1 when the batch was committed, 0 when another folder moved the cursor first. */
  foldInsights(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
  /** Resolves 1 when this was the user's first move onto a priced plan, else 0. */
  recordUpgrade(
    upgrades: string,
    gateHits: string,
    gateDays: string,
    userId: string,
    atMs: number,
    planId: string,
    source: string,
    day: string,
  ): Promise<number>;
  /** Resolves 1 when the money was recorded, 0 when this Stripe object was recorded before. */
  recordMoney(
    ledger: string,
    revenueMonth: string,
    mrrCustomers: string,
    mrrMonth: string,
    mrrState: string,
    checkouts: string,
    objectId: string,
    kind: 'paid' | 'refund',
    planId: string,
    currency: string,
    amountMinor: number,
    paymentIntent: string,
    userId: string,
    atMs: number,
    month: string,
  ): Promise<number>;
  /** Resolves 1 when the user's MRR or trial state moved, 0 when nothing changed. */
  recordMrr(
    mrrCustomers: string,
    mrrMonth: string,
    mrrState: string,
    userId: string,
    mrrMinor: number,
    currency: string,
    trialing: 0 | 1,
    month: string,
  ): Promise<number>;
  /** Resolves 1 when something was counted, 0 when this state of the session was counted before. */
  recordCheckout(
    checkouts: string,
    checkoutDays: string,
    sessionId: string,
    state: 'open' | 'complete' | 'expired',
    day: string,
    userId: string,
    createdMs: number,
    nowMs: number,
  ): Promise<number>;
}

export const entitlementsScripts = defineScripts<EntitlementsScripts>({
  compareAndSetJson: { file: lua('compare-and-set-json.lua'), keys: 1 },
  releaseLock: { file: lua('release-lock.lua'), keys: 1 },
  extendLock: { file: lua('extend-lock.lua'), keys: 1 },
  // null: the caller passes the number of keys first (a batch names as many rollup keys as it touches).
  foldInsights: { file: lua('fold-insights.lua'), keys: null },
  recordUpgrade: { file: lua('record-upgrade.lua'), keys: 3 },
  recordMoney: { file: lua('record-money.lua'), keys: 6 },
  recordMrr: { file: lua('record-mrr.lua'), keys: 3 },
  recordCheckout: { file: lua('record-checkout.lua'), keys: 2 },
});
