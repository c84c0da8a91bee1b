import { stripeResyncRoute } from '@hark/contracts';
import { HarkError } from '@hark/core';
import { type AuditLog, byOperator } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LockBusyError, withRedisLock } from '../billing/redis-lock.js';
import { callStripe } from '../billing/stripe-client.js';
import type { SubscriptionSync } from '../billing/subscription-sync.js';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';

export interface AdminStripeRoutesOptions {
  sync: SubscriptionSync | null;
  audit: AuditLog;
  keys: EntitlementsServiceKeys;
}

// One resync at a time; the lock frees itself should the instance running one die.
const RESYNC_LOCK = { ttlMs: 15 * 60_000, waitMs: 0 };

/** POST /admin/stripe/resync: rebuild every paying user's projection from Stripe (after losing Redis, say). */
export const adminStripeRoutes: FastifyPluginAsyncZod<AdminStripeRoutesOptions> = async (app, options) => {
  app.route({
    ...stripeResyncRoute,
    handler: async (request) => {
      const { sync } = options;
      if (!sync) throw new HarkError('BILLING_UNAVAILABLE');
      try {
        const summary = await withRedisLock(app.redis, options.keys.stripeResyncLock(), RESYNC_LOCK, () =>
          callStripe(request, () => sync.resyncAll()),
        );
        await options.audit.append({
          ...byOperator(request),
          action: 'stripe.resync',
          target: 'stripe',
          before: null,
          after: summary,
        });
        return summary;
      } catch (error) {
        if (error instanceof LockBusyError) {
          throw new HarkError('INVALID_STATE', {
            what: 'A Stripe resync',
            state: 'running',
            action: 'start again',
          });
        }
        throw error;
      }
    },
  });
};
