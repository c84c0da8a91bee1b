import {
  type EntitlementChange,
  type EntitlementProjection,
  entitlementProjectionSchema,
  planInForce,
} from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { EntitlementKeys } from '@hark/entitlements-client';
import { entitlementsScripts } from '../entitlements-scripts.js';

/** A change to one user's projection: the next projection, or null to leave it as it is. */
export type ProjectionChange = (current: EntitlementProjection | null) => EntitlementProjection | null;

export interface ProjectionUpdate {
  before: EntitlementProjection | null;
  after: EntitlementProjection | null;
  changed: boolean;
}

/** Told after each projection write: the insights record first upgrades and grants from it. */
export interface ProjectionObserver {
  /** What it records, for the warning when it fails ("an upgrade"). */
  readonly records: string;
  /** May throw: the store logs the failure and the write stands. */
  projectionWritten(
    userId: string,
    before: EntitlementProjection | null,
    after: EntitlementProjection,
  ): Promise<void>;
}

// Grants and Stripe syncs may write one user at once; each retries on the other's write.
const MAX_ATTEMPTS = 20;

function parseProjection(text: string | null): EntitlementProjection | null {
  if (text === null) return null;
  try {
    const parsed = entitlementProjectionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function emptyProjection(userId: string, now: Date): EntitlementProjection {
  return {
    userId,
    planId: 'free',
    source: 'default',
    grant: null,
    subscription: null,
    updatedAt: now.toISOString(),
  };
}

/**
 * The per-user projection (keys.entitlement): this service is its only writer. Every write is
 * a compare-and-set that publishes {kind: 'user'} in the same step, so concurrent writers
 * (an operator grant and a Stripe sync) never lose each other's part, and readers drop their
 * cached entry as the new value lands.
 */
export class ProjectionStore {
  private readonly scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: EntitlementKeys,
    private readonly clock: Clock,
    private readonly observers: readonly ProjectionObserver[] = [],
    private readonly warn?: (context: Record<string, unknown>, message: string) => void,
  ) {
    this.scripts = entitlementsScripts(redis);
  }

  async read(userId: string): Promise<EntitlementProjection | null> {
    return parseProjection(await this.redis.get(this.keys.entitlement(userId)));
  }

  async update(userId: string, change: ProjectionChange): Promise<ProjectionUpdate> {
    const key = this.keys.entitlement(userId);
    const message = JSON.stringify({ kind: 'user', userId } satisfies EntitlementChange);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.redis.get(key);
      const before = parseProjection(raw);
      const next = change(before);
      if (next === null) return { before, after: before, changed: false };
      const after = this.withPlanInForce(next);
      const written = await this.scripts.compareAndSetJson(
        key,
        raw ?? '',
        JSON.stringify(after),
        this.keys.entitlementsChannel(),
        message,
      );
      if (written === 1) {
        await this.tellObservers(userId, before, after);
        return { before, after, changed: true };
      }
    }
    throw new Error(`projection of ${userId} kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /**
   * Each observer on its own, and never throws: the projection is written already, and a lost
   * insights data point must not fail a grant or a Stripe sync (nor keep another observer's).
   */
  private async tellObservers(
    userId: string,
    before: EntitlementProjection | null,
    after: EntitlementProjection,
  ): Promise<void> {
    await Promise.all(
      this.observers.map(async (observer) => {
        try {
          await observer.projectionWritten(userId, before, after);
        } catch (error) {
          this.warn?.({ err: error, userId }, `could not record ${observer.records} for insights`);
        }
      }),
    );
  }

  /** planId and source as of the write, for people reading Redis; readers recompute them against the clock. */
  private withPlanInForce(projection: EntitlementProjection): EntitlementProjection {
    const now = this.clock.now();
    const { planId, source } = planInForce(projection, now);
    return { ...projection, planId, source, updatedAt: now.toISOString() };
  }
}
