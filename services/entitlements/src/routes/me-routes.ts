import { errorResponseSchema, meResponseSchema } from '@hark/contracts';
import { currentUser } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EntitlementView } from '../projection/entitlement-view.js';

/** GET /v1/me: the caller's plan, effective features and limits, usage this period, subscription. */
export const meRoutes: FastifyPluginAsyncZod<{ view: EntitlementView }> = async (app, { view }) => {
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['billing'],
        security: [{ apiKey: [] }],
        summary: 'Your plan, what it lets you do, what you used, and your subscription',
        response: { 200: meResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => view.me(currentUser(request).id),
  );
};
