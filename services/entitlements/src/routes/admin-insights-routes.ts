import {
  errorResponseSchema,
  insightsCsvSchema,
  insightsQuerySchema,
  insightsResponseSchema,
  userUsageParamsSchema,
  userUsageQuerySchema,
  userUsageResponseSchema,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { insightsCsv } from '../insights/insights-csv.js';
import type { InsightsService } from '../insights/insights-service.js';
import type { UserUsage } from '../insights/user-usage.js';
import { operatorErrors, operatorRoute } from './admin-plan-routes.js';

export interface AdminInsightsRoutesOptions {
  insights: InsightsService;
  usage: UserUsage;
}

const rangeDescription =
  'UTC days, both included; default the last 30 days up to today; at most 366 days. Month rows cover ' +
  'the calendar months the range touches, whole. Revenue = paying users active in a month x the plan ' +
  'monthly price (usage-based, not Stripe invoices).';

/** Operator insights: usage by intent and tier, LLM cost against revenue, the premium gate. */
export const adminInsightsRoutes: FastifyPluginAsyncZod<AdminInsightsRoutesOptions> = async (
  app,
  { insights, usage },
) => {
  app.get(
    '/admin/insights',
    {
      schema: {
        ...operatorRoute,
        summary: 'Usage, LLM cost, revenue and margin per tier; the premium gate; what paying users use',
        description: rangeDescription,
        querystring: insightsQuerySchema,
        response: { 200: insightsResponseSchema, ...operatorErrors },
      },
    },
    async (request) => insights.report(request.query),
  );

  app.get(
    '/admin/insights.csv',
    {
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
    },
    async (request, reply) => {
      const report = await insights.report(request.query);
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="hark-insights-${report.range.from}-${report.range.to}.csv"`,
        );
      return insightsCsv(report);
    },
  );

  app.get(
    '/admin/users/:id/usage',
    {
      schema: {
        ...operatorRoute,
        summary: "A user's LLM turns, tokens and cost today, per day and for a month, against the plan price",
        params: userUsageParamsSchema,
        querystring: userUsageQuerySchema,
        response: { 200: userUsageResponseSchema, 404: errorResponseSchema, ...operatorErrors },
      },
    },
    async (request) => {
      const userId = request.params.id;
      if (!(await app.users.getUser(userId))) throw new HarkError('NOT_FOUND', { what: `User ${userId}` });
      return usage.of(userId, request.query.month);
    },
  );
};
