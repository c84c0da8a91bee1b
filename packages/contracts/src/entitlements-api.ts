import { z } from 'zod';
import { userIdSchema } from './admin.js';
import { entitlementProjectionSchema, featureNames, limitNames, planSchema } from './entitlements.js';
import { operatorRoleSchema } from './operators.js';

/**
 * Requests and responses of services/entitlements: the operator API (/admin/plans,
 * /admin/kill-switches, /admin/users/:id/grant|entitlements, /admin/audit, /admin/stripe/resync),
 * billing (/v1/billing/*) and the Stripe webhook acknowledgement.
 */

const planIdSchema = planSchema.shape.id;
const featureNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'lower-case letters, digits, "_" and "."');

export const planParamsSchema = z.object({ id: planIdSchema });

/** A new plan must say something about every feature and limit Hark knows: silence would mean "off" by accident. */
export const createPlanRequestSchema = planSchema.superRefine((plan, ctx) => {
  for (const name of featureNames) {
    if (!(name in plan.features))
      ctx.addIssue({ code: 'custom', path: ['features', name], message: 'is required' });
  }
  for (const name of limitNames) {
    if (!(name in plan.limits))
      ctx.addIssue({ code: 'custom', path: ['limits', name], message: 'is required' });
  }
});

/** Features and limits are merged into the plan; null removes one. */
export const updatePlanRequestSchema = z
  .object({
    name: planSchema.shape.name.optional(),
    enabled: z.boolean().optional().describe('Open for new subscriptions; existing ones are unaffected'),
    price: planSchema.shape.price.optional(),
    features: z.record(featureNameSchema, z.boolean().nullable()).optional(),
    limits: z.record(featureNameSchema, z.number().int().nonnegative().nullable()).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'change at least one field');
export type UpdatePlanRequest = z.infer<typeof updatePlanRequestSchema>;

export const planResponseSchema = z.object({ plan: planSchema });
export const planListResponseSchema = z.object({ plans: z.array(planSchema) });

export const killSwitchParamsSchema = z.object({ feature: featureNameSchema });
export const killSwitchRequestSchema = z.object({
  enabled: z.boolean().describe('false switches the feature off for everyone, whatever their plan'),
});
export const killSwitchResponseSchema = z.object({
  feature: z.string(),
  enabled: z.boolean(),
  switchedOff: z.array(z.string()),
});
export const killSwitchListResponseSchema = z.object({ switchedOff: z.array(z.string()) });

export const grantParamsSchema = z.object({ id: userIdSchema });
export const grantRequestSchema = z.object({
  plan: planIdSchema,
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When the grant stops applying (ISO 8601); none = until revoked'),
  reason: z.string().trim().min(1).max(500).describe('Why, for the audit log and support'),
});

export const effectiveEntitlementsSchema = z
  .object({
    userId: z.string(),
    planId: z.string(),
    planName: z.string(),
    source: entitlementProjectionSchema.shape.source,
    features: z.record(z.string(), z.boolean()),
    limits: z.record(z.string(), z.number()),
    reason: z.string(),
    switchedOff: z.array(z.string()),
    validUntil: z.string().nullable(),
  })
  .meta({ id: 'EffectiveEntitlements' });

/** GET /admin/users/:id/entitlements: the effective state and every input that decided it. */
export const userEntitlementsResponseSchema = z.object({
  userId: z.string(),
  effective: effectiveEntitlementsSchema,
  grant: entitlementProjectionSchema.shape.grant.unwrap().extend({ inForce: z.boolean() }).nullable(),
  subscription: entitlementProjectionSchema.shape.subscription
    .unwrap()
    .extend({ givesAccess: z.boolean() })
    .nullable(),
  stripeCustomerId: z.string().nullable(),
  projection: entitlementProjectionSchema.nullable(),
});

export const grantResponseSchema = z.object({
  userId: z.string(),
  grant: entitlementProjectionSchema.shape.grant,
  effective: effectiveEntitlementsSchema,
});

export const auditEntrySchema = z
  .object({
    id: z.string().describe('Stream entry id; also the pagination cursor'),
    at: z.string(),
    actor: z.object({
      kind: z.enum(['operator', 'system']),
      id: z.string().nullable().describe('The operator, from the token the change was made with'),
      name: z.string().nullable().describe("The operator's name, from the token"),
      role: operatorRoleSchema.nullable(),
      requestId: z
        .string()
        .nullable()
        .describe('Joins the log lines of the change; the caller may choose it, so it proves nothing'),
    }),
    note: z.string().nullable().describe('The x-operator header, when sent: free text, not proof of who'),
    action: z.string(),
    target: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d+-\d+$/, 'a nextCursor from a previous page')
    .optional(),
});
export const auditPageResponseSchema = z.object({
  entries: z.array(auditEntrySchema).describe('Newest first'),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for older entries; null at the oldest'),
});

/** Sent by operators on changes as a note in the audit log; who acted comes from the token. */
export const operatorHeadersSchema = z.object({
  'x-operator': z
    .string()
    .regex(/^[\w .@+-]{1,64}$/, '1-64 letters, digits, spaces or "_.@+-"')
    .optional()
    .describe('A note for the audit log (say, a ticket or a person); who acted comes from the token'),
});

export const checkoutRequestSchema = z.object({ plan: planIdSchema });
export const checkoutResponseSchema = z.object({
  url: z.string().describe('Stripe Checkout page to send the user to'),
  sessionId: z.string(),
});
export const portalResponseSchema = z.object({ url: z.string().describe('Stripe Customer Portal page') });

export const webhookAckSchema = z.object({
  received: z.literal(true),
  duplicate: z.boolean().optional().describe('This event id was already applied'),
  ignored: z.boolean().optional().describe('An event type Hark does not act on'),
});

export const resyncResponseSchema = z.object({
  subscriptions: z.number().int(),
  customers: z.number().int(),
  usersUpdated: z.number().int(),
  unmatchedCustomers: z.array(z.string()).describe('Stripe customers no Hark user could be found for'),
  durationMs: z.number(),
});
export type ResyncResponse = z.infer<typeof resyncResponseSchema>;
