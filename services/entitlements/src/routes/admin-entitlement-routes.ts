import {
  deleteGrantRoute,
  type EntitlementProjection,
  putGrantRoute,
  userEntitlementsRoute,
} from '@hark/contracts';
import { type Clock, HarkError } from '@hark/core';
import { type AuditLog, byOperator } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlanStore } from '../plans/plan-store.js';
import type { EntitlementView } from '../projection/entitlement-view.js';
import { emptyProjection, type ProjectionStore } from '../projection/projection-store.js';

export interface AdminEntitlementRoutesOptions {
  plans: PlanStore;
  projections: ProjectionStore;
  view: EntitlementView;
  audit: AuditLog;
  clock: Clock;
}

type Grant = EntitlementProjection['grant'];

/**
 * Grants (comp accounts, support) and the "why" view of a user's entitlements. A grant's expiry
 * is decided by readers against the clock (computeEffectiveEntitlements), so nothing has to run
 * when it passes: the grant simply stops applying and the user falls back to Stripe or free.
 */
export const adminEntitlementRoutes: FastifyPluginAsyncZod<AdminEntitlementRoutesOptions> = async (
  app,
  options,
) => {
  const { plans, projections, view, audit, clock } = options;

  const assertUserExists = async (userId: string) => {
    if (!(await app.users.getUser(userId))) throw new HarkError('NOT_FOUND', { what: `User ${userId}` });
  };

  const writeGrant = async (userId: string, grant: Grant) => {
    const update = await projections.update(userId, (current) => ({
      ...(current ?? emptyProjection(userId, clock.now())),
      grant,
    }));
    return update.before?.grant ?? null;
  };

  app.route({
    ...putGrantRoute,
    handler: async (request) => {
      const userId = request.params.id;
      const { plan: planId, expiresAt, reason } = request.body;
      await assertUserExists(userId);
      if (!(await plans.get(planId))) throw new HarkError('NOT_FOUND', { what: `Plan ${planId}` });
      const expiry = expiresAt ? new Date(expiresAt) : null;
      if (expiry && expiry.getTime() <= clock.now().getTime()) {
        throw new HarkError('INVALID_TIME', { reason: 'expiresAt has already passed' });
      }
      const { actor, note } = byOperator(request);
      const grant = {
        planId,
        expiresAt: expiry?.toISOString() ?? null,
        reason,
        grantedBy: actor.name ?? 'operator',
      };
      const before = await writeGrant(userId, grant);
      await audit.append({
        actor,
        note,
        action: 'grant.put',
        target: `user:${userId}`,
        before,
        after: grant,
      });
      return { userId, grant, effective: (await view.effective(userId)).effective };
    },
  });

  app.route({
    ...deleteGrantRoute,
    handler: async (request) => {
      const userId = request.params.id;
      if (!(await projections.read(userId))?.grant) {
        throw new HarkError('NOT_FOUND', { what: `A grant for user ${userId}` });
      }
      const before = await writeGrant(userId, null);
      await audit.append({
        ...byOperator(request),
        action: 'grant.delete',
        target: `user:${userId}`,
        before,
        after: null,
      });
      return { userId, grant: null, effective: (await view.effective(userId)).effective };
    },
  });

  app.route({
    ...userEntitlementsRoute,
    handler: async (request) => {
      const explained = await view.explain(request.params.id);
      if (!explained.projection) await assertUserExists(request.params.id);
      return explained;
    },
  });
};
