import {
  type EntitlementProjection,
  entitlementProjectionSchema,
  type Plan,
  planSchema,
} from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { EntitlementKeys } from './entitlement-keys.js';

/** Where the client reads entitlement state from; Redis in production, a fake in unit tests. */
export interface EntitlementSource {
  /** The user's projection, or null when the entitlement service never wrote one. */
  projection(userId: string): Promise<EntitlementProjection | null>;
  /** Every plan by id. */
  plans(): Promise<Map<string, Plan>>;
  /** Features an operator switched off for everyone. */
  killSwitches(): Promise<Set<string>>;
}

/** Something unreadable in Redis; the client carries on without it and reports it once per read. */
export type ReportProblem = (problem: string, context: Record<string, unknown>) => void;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads the entitlement service's keys. A value that does not parse is skipped and reported
 * rather than thrown: one corrupt plan must not take every user's checks down, and a user
 * whose projection is unreadable falls back to the default plan (fail closed, not open).
 */
export function redisEntitlementSource(
  redis: RedisClient,
  keys: EntitlementKeys,
  report: ReportProblem,
): EntitlementSource {
  return {
    async projection(userId) {
      const text = await redis.get(keys.entitlement(userId));
      if (text === null) return null;
      const parsed = entitlementProjectionSchema.safeParse(parseJson(text));
      if (parsed.success) return parsed.data;
      report('unreadable entitlement projection; using the default plan', { userId });
      return null;
    },
    async plans() {
      const plans = new Map<string, Plan>();
      for (const [id, text] of Object.entries(await redis.hgetall(keys.plans()))) {
        const parsed = planSchema.safeParse(parseJson(text));
        if (parsed.success) plans.set(parsed.data.id, parsed.data);
        else report('unreadable plan skipped', { planId: id });
      }
      return plans;
    },
    async killSwitches() {
      const switches = await redis.hgetall(keys.killSwitches());
      return new Set(Object.keys(switches).filter((feature) => switches[feature] === 'off'));
    },
  };
}
