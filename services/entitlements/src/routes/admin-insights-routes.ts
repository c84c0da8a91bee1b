import { insightsCsvRoute, insightsRoute, userUsageRoute } from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { insightsCsv } from '../insights/insights-csv.js';
import type { InsightsService } from '../insights/insights-service.js';
import type { UserUsage } from '../insights/user-usage.js';

export interface AdminInsightsRoutesOptions {
  insights: InsightsService;
  usage: UserUsage;
}

/** Operator insights: usage by intent and tier, LLM cost against revenue, the premium gate. */
export const adminInsightsRoutes: FastifyPluginAsyncZod<AdminInsightsRoutesOptions> = async (
  app,
  { insights, usage },
) => {
  app.route({ ...insightsRoute, handler: async (request) => insights.report(request.query) });

  app.route({
    ...insightsCsvRoute,
    handler: async (request, reply) => {
      const report = await insights.report(request.query);
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="hark-insights-${report.range.from}-${report.range.to}.csv"`,
        );
      return insightsCsv(report);
    },
  });

  app.route({
    ...userUsageRoute,
    handler: async (request) => {
      const userId = request.params.id;
      if (!(await app.users.getUser(userId))) throw new HarkError('NOT_FOUND', { what: `User ${userId}` });
      return usage.of(userId, request.query.month);
    },
  });
};
