import {
  createPlanRequestSchema,
  errorResponseSchema,
  killSwitchListResponseSchema,
  killSwitchParamsSchema,
  killSwitchRequestSchema,
  killSwitchResponseSchema,
  operatorHeadersSchema,
  type Plan,
  planListResponseSchema,
  planParamsSchema,
  planResponseSchema,
  planSchema,
  type UpdatePlanRequest,
  updatePlanRequestSchema,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AuditLog, operatorActor } from '../audit/audit-log.js';
import type { PlanStore } from '../plans/plan-store.js';

export interface AdminPlanRoutesOptions {
  plans: PlanStore;
  audit: AuditLog;
}

export const operatorRoute = { tags: ['admin'], security: [{ operatorToken: [] }] };
export const operatorErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
};

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

  app.get(
    '/admin/plans',
    {
      schema: {
        ...operatorRoute,
        summary: 'Every plan',
        response: { 200: planListResponseSchema, ...operatorErrors },
      },
    },
    async () => ({ plans: [...(await plans.all()).values()].sort((a, b) => a.id.localeCompare(b.id)) }),
  );

  app.post(
    '/admin/plans',
    {
      schema: {
        ...operatorRoute,
        summary: 'Add a plan (no code or deploy needed)',
        headers: operatorHeadersSchema,
        body: createPlanRequestSchema,
        response: { 201: planResponseSchema, 409: errorResponseSchema, ...operatorErrors },
      },
    },
    async (request, reply) => {
      const plan = request.body;
      await assertPriceUnused(plans, plan);
      if (!(await plans.create(plan))) throw new HarkError('CONFLICT', { what: `Plan ${plan.id}` });
      await audit.append({
        actor: operatorActor(request),
        action: 'plan.create',
        target: `plan:${plan.id}`,
        before: null,
        after: plan,
      });
      reply.status(201);
      return { plan };
    },
  );

  app.get(
    '/admin/plans/:id',
    {
      schema: {
        ...operatorRoute,
        summary: 'One plan',
        params: planParamsSchema,
        response: { 200: planResponseSchema, 404: errorResponseSchema, ...operatorErrors },
      },
    },
    async (request) => {
      const plan = await plans.get(request.params.id);
      if (!plan) throw notFound(request.params.id);
      return { plan };
    },
  );

  app.patch(
    '/admin/plans/:id',
    {
      schema: {
        ...operatorRoute,
        summary:
          'Change a plan: name, open/closed for new subscriptions, price, features, limits (null removes)',
        description: 'Effective immediately for every user on the plan.',
        headers: operatorHeadersSchema,
        params: planParamsSchema,
        body: updatePlanRequestSchema,
        response: {
          200: planResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
          ...operatorErrors,
        },
      },
    },
    async (request) => {
      const before = await plans.get(request.params.id);
      if (!before) throw notFound(request.params.id);
      const after = patched(before, request.body);
      await assertPriceUnused(plans, after);
      await plans.replace(after);
      await audit.append({
        actor: operatorActor(request),
        action: 'plan.update',
        target: `plan:${after.id}`,
        before,
        after,
      });
      return { plan: after };
    },
  );

  app.get(
    '/admin/kill-switches',
    {
      schema: {
        ...operatorRoute,
        summary: 'Features switched off for everyone',
        response: { 200: killSwitchListResponseSchema, ...operatorErrors },
      },
    },
    async () => ({ switchedOff: [...(await plans.switchedOff())].sort() }),
  );

  app.put(
    '/admin/kill-switches/:feature',
    {
      schema: {
        ...operatorRoute,
        summary: 'Switch a feature off for everyone (enabled: false), or back on',
        headers: operatorHeadersSchema,
        params: killSwitchParamsSchema,
        body: killSwitchRequestSchema,
        response: { 200: killSwitchResponseSchema, ...operatorErrors },
      },
    },
    async (request) => {
      const { feature } = request.params;
      const { enabled } = request.body;
      const wasEnabled = !(await plans.switchedOff()).has(feature);
      const switchedOff = await plans.setFeatureEnabled(feature, enabled);
      await audit.append({
        actor: operatorActor(request),
        action: 'kill-switch.set',
        target: `feature:${feature}`,
        before: { enabled: wasEnabled },
        after: { enabled },
      });
      return { feature, enabled, switchedOff: [...switchedOff].sort() };
    },
  );
};
