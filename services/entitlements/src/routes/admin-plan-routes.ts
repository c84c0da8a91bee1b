import {
  createPlanRoute,
  getPlanRoute,
  listKillSwitchesRoute,
  listPlansRoute,
  type Plan,
  planSchema,
  setKillSwitchRoute,
  type UpdatePlanRequest,
  updatePlanRoute,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import { type AuditLog, byOperator } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlanStore } from '../plans/plan-store.js';

export interface AdminPlanRoutesOptions {
  plans: PlanStore;
  audit: AuditLog;
}

/** null removes an entry, anything else sets it. */
function merged<T>(
  current: Record<string, T>,
  changes: Record<string, T | null> | undefined,
): Record<string, T> {
  const result = { ...current };
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (value === null) delete result[name];
    else result[name] = value;
  }
  return result;
}

function patched(plan: Plan, patch: UpdatePlanRequest): Plan {
  return planSchema.parse({
    ...plan,
    name: patch.name ?? plan.name,
    enabled: patch.enabled ?? plan.enabled,
    price: patch.price === undefined ? plan.price : patch.price,
    features: merged(plan.features, patch.features),
    limits: merged(plan.limits, patch.limits),
  });
}

/** Webhooks map a price to its plan, so one Stripe price may belong to one plan only. */
async function assertPriceUnused(plans: PlanStore, plan: Plan): Promise<void> {
  const priceId = plan.price?.stripePriceId;
  if (!priceId) return;
  for (const other of (await plans.all()).values()) {
    if (other.id !== plan.id && other.price?.stripePriceId === priceId) {
      throw new HarkError('PRICE_ALREADY_USED', { price: priceId, plan: other.id });
    }
  }
}

/** Plans and kill switches; changes apply to every user at once (readers drop caches on the message). */
export const adminPlanRoutes: FastifyPluginAsyncZod<AdminPlanRoutesOptions> = async (
  app,
  { plans, audit },
) => {
  const notFound = (id: string) => new HarkError('NOT_FOUND', { what: `Plan ${id}` });

  app.route({
    ...listPlansRoute,
    handler: async () => ({
      plans: [...(await plans.all()).values()].sort((a, b) => a.id.localeCompare(b.id)),
    }),
  });

  app.route({
    ...createPlanRoute,
    handler: async (request, reply) => {
      const plan = request.body;
      await assertPriceUnused(plans, plan);
      if (!(await plans.create(plan))) throw new HarkError('CONFLICT', { what: `Plan ${plan.id}` });
      await audit.append({
        ...byOperator(request),
        action: 'plan.create',
        target: `plan:${plan.id}`,
        before: null,
        after: plan,
      });
      reply.status(201);
      return { plan };
    },
  });

  app.route({
    ...getPlanRoute,
    handler: async (request) => {
      const plan = await plans.get(request.params.id);
      if (!plan) throw notFound(request.params.id);
      return { plan };
    },
  });

  app.route({
    ...updatePlanRoute,
    handler: async (request) => {
      const before = await plans.get(request.params.id);
      if (!before) throw notFound(request.params.id);
      const after = patched(before, request.body);
      await assertPriceUnused(plans, after);
      await plans.replace(after);
      await audit.append({
        ...byOperator(request),
        action: 'plan.update',
        target: `plan:${after.id}`,
        before,
        after,
      });
      return { plan: after };
    },
  });

  app.route({
    ...listKillSwitchesRoute,
    handler: async () => ({ switchedOff: [...(await plans.switchedOff())].sort() }),
  });

  app.route({
    ...setKillSwitchRoute,
    handler: async (request) => {
      const { feature } = request.params;
      const { enabled } = request.body;
      const wasEnabled = !(await plans.switchedOff()).has(feature);
      const switchedOff = await plans.setFeatureEnabled(feature, enabled);
      await audit.append({
        ...byOperator(request),
        action: 'kill-switch.set',
        target: `feature:${feature}`,
        before: { enabled: wasEnabled },
        after: { enabled },
      });
      return { feature, enabled, switchedOff: [...switchedOff].sort() };
    },
  });
};
