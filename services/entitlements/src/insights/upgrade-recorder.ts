import { type EntitlementProjection, planInForce, utcDay } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { FastifyBaseLogger } from 'fastify';
import { entitlementsScripts } from '../entitlements-scripts.js';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { PlanStore } from '../plans/plan-store.js';

export interface UpgradeRecorderOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  plans: PlanStore;
  clock: Clock;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Remembers the first time each user moves from an unpriced plan onto a priced one (a Stripe
 * subscription or an operator grant), for the premium gate's conversion figures. Told about every
 * projection write by the ProjectionStore, this service being the projection's only writer.
 */
export class UpgradeRecorder {
  private readonly scripts;

  constructor(private readonly options: UpgradeRecorderOptions) {
    this.scripts = entitlementsScripts(options.redis);
  }

  /** Never throws: the projection is written already, and a lost data point must not fail a grant. */
  async projectionWritten(
    userId: string,
    before: EntitlementProjection | null,
    after: EntitlementProjection | null,
  ): Promise<void> {
    try {
      await this.record(userId, before, after);
    } catch (error) {
      this.options.log?.warn({ err: error, userId }, 'could not record an upgrade for insights');
    }
  }

  private async record(
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
