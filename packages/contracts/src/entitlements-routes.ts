import { z } from 'zod';
import { meResponseSchema } from './entitlements.js';
import {
  auditRoute,
  createPlanRoute,
  deleteGrantRoute,
  getPlanRoute,
  listKillSwitchesRoute,
  listPlansRoute,
  putGrantRoute,
  setKillSwitchRoute,
  stripeResyncRoute,
  updatePlanRoute,
  userEntitlementsRoute,
} from './entitlements-admin-routes.js';
import {
  checkoutRequestSchema,
  checkoutResponseSchema,
  portalResponseSchema,
  webhookAckSchema,
} from './entitlements-api.js';
import { errorResponseSchema } from './errors.js';
import { insightsCsvRoute, insightsRoute, userUsageRoute } from './insights-routes.js';
import { listInternalUsersRoute, putInternalUserRoute } from './internal-users-routes.js';
import type { RouteContract } from './route-contract.js';

/** The user-facing routes of services/entitlements (plan, billing) and the Stripe webhook. */

const billingRoute = { tags: ['billing'], security: [{ apiKey: [] }] };
const billingErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  502: errorResponseSchema,
  503: errorResponseSchema,
};

export const meRoute = {
  method: 'GET',
  url: '/v1/me',
  schema: {
    ...billingRoute,
    summary: 'Your plan, what it lets you do, what you used, and your subscription',
    response: { 200: meResponseSchema, 401: errorResponseSchema },
  },
} satisfies RouteContract;

export const checkoutRoute = {
  method: 'POST',
  url: '/v1/billing/checkout',
  schema: {
    ...billingRoute,
    summary: 'Start a subscription: a Stripe Checkout URL to send the user to',
    description: 'Idempotent per x-request-id: a retry with the same x-request-id returns the same session.',
    body: checkoutRequestSchema,
    response: { 200: checkoutResponseSchema, ...billingErrors },
  },
} satisfies RouteContract;

export const portalRoute = {
  method: 'POST',
  url: '/v1/billing/portal',
  schema: {
    ...billingRoute,
    summary: 'Manage the subscription: a Stripe Customer Portal URL',
    response: { 200: portalResponseSchema, ...billingErrors },
  },
} satisfies RouteContract;

/**
 * Body limit of `POST /webhooks/stripe`: invoices and checkout sessions with many lines outgrow the
 * 16 KiB of the JSON API. The entitlement service parses up to it; the router refuses more itself.
 */
export const STRIPE_WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export const stripeWebhookRoute = {
  method: 'POST',
  url: '/webhooks/stripe',
  schema: {
    tags: ['billing'],
    summary: 'Stripe webhook endpoint (signed with STRIPE_WEBHOOK_SECRET)',
    headers: z.object({ 'stripe-signature': z.string().optional() }),
    response: {
      200: webhookAckSchema,
      400: errorResponseSchema,
      413: errorResponseSchema,
      503: errorResponseSchema,
    },
  },
} satisfies RouteContract;

/** Every route of services/entitlements but its health checks, in the order it registers them. */
export const entitlementServiceRoutes: readonly RouteContract[] = [
  meRoute,
  checkoutRoute,
  portalRoute,
  listPlansRoute,
  createPlanRoute,
  getPlanRoute,
  updatePlanRoute,
  listKillSwitchesRoute,
  setKillSwitchRoute,
  putGrantRoute,
  deleteGrantRoute,
  userEntitlementsRoute,
  auditRoute,
  stripeResyncRoute,
  insightsRoute,
  insightsCsvRoute,
  userUsageRoute,
  putInternalUserRoute,
  listInternalUsersRoute,
  stripeWebhookRoute,
];
