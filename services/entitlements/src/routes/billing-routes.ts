import {
  checkoutRequestSchema,
  checkoutResponseSchema,
  errorResponseSchema,
  portalResponseSchema,
} from '@hark/contracts';
import { currentUser } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Checkout } from '../billing/checkout.js';
import { callStripe } from '../billing/stripe-client.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  502: errorResponseSchema,
  503: errorResponseSchema,
};
const billingRoute = { tags: ['billing'], security: [{ apiKey: [] }] };

/** Stripe Checkout (subscribe) and Customer Portal (change card, cancel) for the caller. */
export const billingRoutes: FastifyPluginAsyncZod<{ checkout: Checkout }> = async (app, { checkout }) => {
  app.post(
    '/v1/billing/checkout',
    {
      schema: {
        ...billingRoute,
        summary: 'Start a subscription: a Stripe Checkout URL to send the user to',
        description:
          'Idempotent per x-request-id: a retry with the same x-request-id returns the same session.',
        body: checkoutRequestSchema,
        response: { 200: checkoutResponseSchema, ...errors },
      },
    },
    async (request) =>
      callStripe(request, () => checkout.startCheckout(currentUser(request), request.body.plan, request.id)),
  );

  app.post(
    '/v1/billing/portal',
    {
      schema: {
        ...billingRoute,
        summary: 'Manage the subscription: a Stripe Customer Portal URL',
        response: { 200: portalResponseSchema, ...errors },
      },
    },
    async (request) => callStripe(request, () => checkout.openPortal(currentUser(request).id)),
  );
};
