import { type EntitlementProjection, planInForce, utcDay } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import { entitlementsScripts } from '../entitlements-scripts.js';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { PlanStore } from '../plans/plan-store.js';
import type { ProjectionObserver } from '../projection/projection-store.js';

export interface UpgradeRecorderOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  plans: PlanStore;
  clock: Clock;
}

/**
 * Remembers the first time each user moves from an unpriced plan onto a priced one (a Stripe
 * subscription or an operator grant), for the premium gate's conversion figures. Told about every
 * projection write by the ProjectionStore, this service being the projection's only writer.
 */
export class UpgradeRecorder implements ProjectionObserver {
  readonly records = 'an upgrade';

  private readonly scripts;

  constructor(private readonly options: UpgradeRecorderOptions) {
    this.scripts = entitlementsScripts(options.redis);
  }

  /** Records what the write changed; may throw (the ProjectionStore logs it, the write stands). */
  async projectionWritten(
    userId: string,
    before: EntitlementProjection | null,
    after: EntitlementProjection | null,
  ): Promise<void> {
    const { keys, plans, clock } = this.options;
    const now = clock.now();
    const was = planInForce(before, now);
    const is = planInForce(after, now);
    if (is.planId === was.planId) return;
    const all = await plans.all();
    if (!all.get(is.planId)?.price || all.get(was.planId)?.price) return;
    await this.scripts.recordUpgrade(
      keys.insightsUpgrades(),
      keys.insightsGateHits(),
      keys.insightsGateDays(),
      userId,
      now.getTime(),
      is.planId,
      is.source,
      utcDay(now),
    );
  }
}
