import { STRIPE_WEBHOOK_BODY_LIMIT_BYTES, stripeWebhookRoute } from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type Stripe from 'stripe';
import { jobFromEvent } from './stripe-event-job.js';
import type { StripeEventProcessor } from './stripe-event-processor.js';
import type { StripeEventQueue } from './stripe-event-queue.js';
import { verifiedEvent } from './verified-event.js';

export interface StripeWebhookOptions {
  stripe: Stripe | null;
  webhookSecret: string | undefined;
  queue: StripeEventQueue;
  /** Null without Stripe keys: the route then answers 503. */
  processor: StripeEventProcessor | null;
}

/**
 * POST /webhooks/stripe. The signature covers the exact bytes Stripe sent, so this plugin (and
 * only it, being encapsulated) parses JSON bodies as raw Buffers. The handler verifies,
 * enqueues and acknowledges; the worker does the rest. Anything short of a durable enqueue
 * answers an error, so Stripe delivers the event again: none is lost.
 */
export const stripeWebhookRoutes: FastifyPluginAsyncZod<StripeWebhookOptions> = async (app, options) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: STRIPE_WEBHOOK_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  const verify = (stripe: Stripe, rawBody: unknown, signature: string | undefined): Stripe.Event => {
    const { webhookSecret } = options;
    if (!webhookSecret) throw new HarkError('BILLING_UNAVAILABLE');
    if (!Buffer.isBuffer(rawBody) || !signature) throw new HarkError('INVALID_SIGNATURE');
    return verifiedEvent(stripe, rawBody, signature, webhookSecret);
  };

  app.route({
    ...stripeWebhookRoute,
    bodyLimit: STRIPE_WEBHOOK_BODY_LIMIT_BYTES,
    handler: async (request) => {
      const { stripe, processor } = options;
      if (!stripe || !processor) throw new HarkError('BILLING_UNAVAILABLE');
      const event = verify(stripe, request.body, request.headers['stripe-signature']);
      const job = jobFromEvent(event);
      if (!job) {
        processor.count(event, 'ignored');
        return { received: true as const, ignored: true };
      }
      if (await processor.wasApplied(event.id)) {
        processor.count(event, 'duplicate');
        return { received: true as const, duplicate: true };
      }
      await options.queue.enqueue(job);
      processor.count(event, 'enqueued');
      return { received: true as const };
    },
  });
};
