import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '@hark/core';
import { entitlementsScripts } from '../entitlements-scripts.js';

export interface LockOptions {
  /** The lock frees itself after this long, should its holder die; a live holder keeps renewing it. */
  ttlMs: number;
  /** How long to wait for a busy lock before giving up (the caller's job is retried later). */
  waitMs: number;
}

export class LockBusyError extends Error {
  constructor(readonly key: string) {
    super(`lock ${key} stayed busy`);
    this.name = 'LockBusyError';
  }
}

/**
 * Runs `work` while holding a Redis lock (SET NX PX with a random token), so only one process
 * at a time runs it for this key, across workers and service instances. Releasing checks the
 * token: a holder that overran the TTL never frees the lock someone else took since. While `work`
 * runs the TTL is renewed (every third of it), so a TTL of seconds frees a crashed holder's lock
 * soon, yet a slow live holder (a Stripe call with retries) keeps it.
 */
export async function withRedisLock<T>(
  redis: RedisClient,
  key: string,
  options: LockOptions,
  work: () => Promise<T>,
): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    if (Date.now() >= deadline) throw new LockBusyError(key);
    // Jittered: waiters for one key must not retry in lockstep.
    await sleep(2 + Math.random() * 8);
  }
  const scripts = entitlementsScripts(redis);
  // A failed renewal (Redis briefly away) is retried on the next tick; the TTL covers the gap.
  const renew = () => void scripts.extendLock(key, token, options.ttlMs).catch(() => undefined);
  const renewing = setInterval(renew, options.ttlMs / 3);
  renewing.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewing);
    await scripts.releaseLock(key, token);
  }
}
