import {
  auditPageResponseSchema,
  auditQuerySchema,
  createPlanRequestSchema,
  grantParamsSchema,
  grantRequestSchema,
  grantResponseSchema,
  killSwitchListResponseSchema,
  killSwitchParamsSchema,
  killSwitchRequestSchema,
  killSwitchResponseSchema,
  operatorHeadersSchema,
  planListResponseSchema,
  planParamsSchema,
  planResponseSchema,
  resyncResponseSchema,
  updatePlanRequestSchema,
  userEntitlementsResponseSchema,
} from './entitlements-api.js';
import { errorResponseSchema } from './errors.js';
import { operatorErrors, operatorRoute } from './operator-routes.js';
import type { RouteContract } from './route-contract.js';

/** The operator routes of services/entitlements: plans, kill switches, grants, audit, Stripe resync. */

export const listPlansRoute = {
  method: 'GET',
  url: '/admin/plans',
  config: { operatorRole: 'viewer' },
  schema: {
    ...operatorRoute,
    summary: 'Every plan',
    response: { 200: planListResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const createPlanRoute = {
  method: 'POST',
  url: '/admin/plans',
  config: { operatorRole: 'billing' },
  schema: {
    ...operatorRoute,
    summary: 'Add a plan (no code or deploy needed)',
    headers: operatorHeadersSchema,
    body: createPlanRequestSchema,
    response: { 201: planResponseSchema, 409: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const getPlanRoute = {
  method: 'GET',
  url: '/admin/plans/:id',
  config: { operatorRole: 'viewer' },
  schema: {
    ...operatorRoute,
    summary: 'One plan',
    params: planParamsSchema,
    response: { 200: planResponseSchema, 404: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const updatePlanRoute = {
  method: 'PATCH',
  url: '/admin/plans/:id',
  config: { operatorRole: 'billing' },
  schema: {
    ...operatorRoute,
    summary: 'Change a plan: name, open/closed for new subscriptions, price, features, limits (null removes)',
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
} satisfies RouteContract;

export const listKillSwitchesRoute = {
  method: 'GET',
  url: '/admin/kill-switches',
  config: { operatorRole: 'viewer' },
  schema: {
    ...operatorRoute,
    summary: 'Features switched off for everyone',
    response: { 200: killSwitchListResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const setKillSwitchRoute = {
  method: 'PUT',
  url: '/admin/kill-switches/:feature',
  config: { operatorRole: 'billing' },
  schema: {
    ...operatorRoute,
    summary: 'Switch a feature off for everyone (enabled: false), or back on',
    headers: operatorHeadersSchema,
    params: killSwitchParamsSchema,
    body: killSwitchRequestSchema,
    response: { 200: killSwitchResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const putGrantRoute = {
  method: 'PUT',
  url: '/admin/users/:id/grant',
  config: { operatorRole: 'support' },
  schema: {
    ...operatorRoute,
    summary: 'Grant a plan to a user, optionally until a time (replaces an earlier grant)',
    headers: operatorHeadersSchema,
    params: grantParamsSchema,
    body: grantRequestSchema,
    response: { 200: grantResponseSchema, 404: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const deleteGrantRoute = {
  method: 'DELETE',
  url: '/admin/users/:id/grant',
  config: { operatorRole: 'support' },
  schema: {
    ...operatorRoute,
    summary: "Revoke a user's grant; Stripe or the default plan applies again",
    headers: operatorHeadersSchema,
    params: grantParamsSchema,
    response: { 200: grantResponseSchema, 404: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const userEntitlementsRoute = {
  method: 'GET',
  url: '/admin/users/:id/entitlements',
  config: { operatorRole: 'support' },
  schema: {
    ...operatorRoute,
    summary: "A user's effective entitlements and why: grant, Stripe subscription, plan, kill switches",
    params: grantParamsSchema,
    response: { 200: userEntitlementsResponseSchema, 404: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const auditRoute = {
  method: 'GET',
  url: '/admin/audit',
  config: { operatorRole: 'viewer' },
  schema: {
    ...operatorRoute,
    summary: 'Audit log of operator changes (who, what, before, after, when), newest first',
    querystring: auditQuerySchema,
    response: { 200: auditPageResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const stripeResyncRoute = {
  method: 'POST',
  url: '/admin/stripe/resync',
  config: { operatorRole: 'billing' },
  schema: {
    ...operatorRoute,
    summary: "Rebuild every user's Stripe state from Stripe: all subscriptions, then each customer again",
    headers: operatorHeadersSchema,
    response: {
      200: resyncResponseSchema,
      409: errorResponseSchema,
      503: errorResponseSchema,
      ...operatorErrors,
    },
  },
} satisfies RouteContract;
