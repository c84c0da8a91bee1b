import { type EntitlementProjection, grantInForce, type Plan } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { ProjectionObserver } from '../projection/projection-store.js';

/** A user's latest operator grant, as the insights count comps: from when, until when (null: open). */
export interface GrantSpan {
  planId: string;
  fromMs: number;
  untilMs: number | null;
}

export interface GrantLedgerOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  clock: Clock;
}

function parseSpan(text: string): GrantSpan | null {
  try {
    const span = JSON.parse(text) as GrantSpan;
    return typeof span.planId === 'string' && Number.isFinite(span.fromMs) ? span : null;
  } catch {
    return null;
  }
}

/** Whether `span` is a grant of a priced plan in force at `atMs`. */
export function compedAt(span: GrantSpan, atMs: number, plans: ReadonlyMap<string, Plan>): boolean {
  const priced = (plans.get(span.planId)?.price?.amount ?? 0) > 0;
  return priced && span.fromMs <= atMs && (span.untilMs === null || span.untilMs > atMs);
}

/**
 * Each user's latest operator grant (keys.insightsGrants), kept from every projection write, so
 * the report counts the users comped at the end of a month from one hash (its cost grows with
 * comped users, never with events). A grant replaced by another keeps only the newer one; a revoked
 * grant ends when it was revoked, an expiring one at its expiry.
 */
export class GrantLedger implements ProjectionObserver {
  readonly records = 'a grant';

  constructor(private readonly options: GrantLedgerOptions) {}

  /** Every user's latest grant, with whose it is (the report leaves internal users' grants out). */
  async spans(): Promise<(GrantSpan & { userId: string })[]> {
    const all = await this.options.redis.hgetall(this.options.keys.insightsGrants());
    return Object.entries(all).flatMap(([userId, text]) => {
      const span = parseSpan(text);
      return span ? [{ ...span, userId }] : [];
    });
  }

  /** Records what the write changed; may throw (the ProjectionStore logs it, the write stands). */
  async projectionWritten(
    userId: string,
    before: EntitlementProjection | null,
    after: EntitlementProjection | null,
  ): Promise<void> {
    const { redis, keys, clock } = this.options;
    const was = before?.grant ?? null;
    const is = after?.grant ?? null;
    if (JSON.stringify(was) === JSON.stringify(is)) return;
    const nowMs = clock.now().getTime();
    const key = keys.insightsGrants();
    if (is) {
      const expiresMs = is.expiresAt === null ? null : Date.parse(is.expiresAt);
      const span: GrantSpan = { planId: is.planId, fromMs: nowMs, untilMs: expiresMs };
      await redis.hset(key, userId, JSON.stringify(span));
      return;
    }
    const current = parseSpan((await redis.hget(key, userId)) ?? '');
    if (!current || !was || !grantInForce(was, clock.now())) return;
    await redis.hset(key, userId, JSON.stringify({ ...current, untilMs: nowMs } satisfies GrantSpan));
  }
}
