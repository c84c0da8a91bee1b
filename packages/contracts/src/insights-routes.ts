import { errorResponseSchema } from './errors.js';
import {
  insightsCsvSchema,
  insightsQuerySchema,
  insightsResponseSchema,
  userUsageParamsSchema,
  userUsageQuerySchema,
  userUsageResponseSchema,
} from './insights.js';
import { operatorErrors, operatorRoute } from './operator-routes.js';
import type { RouteContract } from './route-contract.js';

/** The operator insights routes of services/entitlements: usage, LLM cost, collected revenue, MRR, margin. */

const rangeDescription =
  'UTC days, both included; default the last 30 days up to today; at most 366 days. Month rows cover ' +
  'the calendar months the range touches, whole. Revenue is what Stripe collected (paid invoices net of ' +
  'refunds and credit notes, per currency); `listPriceEstimateUsd` in `months` is only an estimate ' +
  '(paying users active in a month x the plan price now). Definitions: docs/INSIGHTS.md.';

export const insightsRoute = {
  method: 'GET',
  url: '/admin/insights',
  config: { operatorRole: 'viewer' },
  schema: {
    ...operatorRoute,
    summary:
      'Usage, LLM cost, collected revenue, MRR, margin per plan, the funnel and the smart-timer question',
    description: rangeDescription,
    querystring: insightsQuerySchema,
    response: { 200: insightsResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;

export const insightsCsvRoute = {
  method: 'GET',
  url: '/admin/insights.csv',
  config: { operatorRole: 'viewer' },
  schema: {
    ...operatorRoute,
    summary: 'The insights as one long CSV table: section,period,tier,dimension,metric,value',
    description: `${rangeDescription} Tier "*" means all tiers; period is a day, a month or "from..to".`,
    querystring: insightsQuerySchema,
    response: {
      200: { description: 'CSV', content: { 'text/csv': { schema: insightsCsvSchema } } },
      ...operatorErrors,
    },
  },
} satisfies RouteContract;

export const userUsageRoute = {
  method: 'GET',
  url: '/admin/users/:id/usage',
  config: { operatorRole: 'support' },
  schema: {
    ...operatorRoute,
    summary: "A user's LLM turns, tokens and cost today, per day and for a month, against the plan price",
    params: userUsageParamsSchema,
    querystring: userUsageQuerySchema,
    response: { 200: userUsageResponseSchema, 404: errorResponseSchema, ...operatorErrors },
  },
} satisfies RouteContract;
