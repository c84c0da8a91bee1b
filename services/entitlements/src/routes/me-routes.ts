import { meRoute } from '@hark/contracts';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EntitlementView } from '../projection/entitlement-view.js';

/** GET /v1/me: the caller's plan, effective features and limits, usage this period, subscription. */
export const meRoutes: FastifyPluginAsyncZod<{ view: EntitlementView }> = async (app, { view }) => {
  app.route({ ...meRoute, handler: async (request) => view.me(currentUser(request).id) });
};
