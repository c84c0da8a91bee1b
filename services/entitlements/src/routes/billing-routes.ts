import { checkoutRoute, portalRoute } from '@hark/contracts';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Checkout } from '../billing/checkout.js';
import { callStripe } from '../billing/stripe-client.js';

/** Stripe Checkout (subscribe) and Customer Portal (change card, cancel) for the caller. */
export const billingRoutes: FastifyPluginAsyncZod<{ checkout: Checkout }> = async (app, { checkout }) => {
  app.route({
    ...checkoutRoute,
    handler: async (request) =>
      callStripe(request, () => checkout.startCheckout(currentUser(request), request.body.plan, request.id)),
  });

  app.route({
    ...portalRoute,
    handler: async (request) => callStripe(request, () => checkout.openPortal(currentUser(request).id)),
  });
};
