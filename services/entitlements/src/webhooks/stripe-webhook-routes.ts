import { stripeWebhookRoute } from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type Stripe from 'stripe';
import { jobFromEvent } from './stripe-event-job.js';
import type { StripeEventProcessor } from './stripe-event-processor.js';
import type { StripeEventQueue } from './stripe-event-queue.js';

export interface StripeWebhookOptions {
  stripe: Stripe | null;
  webhookSecret: string | undefined;
  queue: StripeEventQueue;
  /** Null without Stripe keys: the route then answers 503. */
  processor: StripeEventProcessor | null;
}

// Invoices and checkout sessions with many lines outgrow the 16 KiB JSON limit of the API.
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

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
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  const verify = (stripe: Stripe, rawBody: unknown, signature: string | undefined): Stripe.Event => {
    const { webhookSecret } = options;
    if (!webhookSecret) throw new HarkError('BILLING_UNAVAILABLE');
    if (!Buffer.isBuffer(rawBody) || !signature) throw new HarkError('INVALID_SIGNATURE');
    try {
      // Default tolerance: a signature more than 5 minutes old is refused (replay protection).
      return stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
    } catch {
      throw new HarkError('INVALID_SIGNATURE');
    }
  };

  app.route({
    ...stripeWebhookRoute,
    bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
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
