import { HarkError } from '@hark/core';
import type { FastifyRequest } from 'fastify';
import Stripe from 'stripe';

/** Explicit, short: a checkout button must not hang for stripe-node's default 80 s. */
const STRIPE_TIMEOUT_MS = 10_000;

export interface StripeSettings {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_API_BASE: string;
}

/**
 * stripe-node pointed at STRIPE_API_BASE, split into the host, port and protocol the SDK
 * takes, so Hark runs against api.stripe.com, stripe-mock or the stand-in alike. Null without a
 * secret key: billing is then off and answers 503.
 */
export function createStripeClient(settings: StripeSettings): Stripe | null {
  if (!settings.STRIPE_SECRET_KEY) return null;
  const base = new URL(settings.STRIPE_API_BASE);
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(settings.STRIPE_SECRET_KEY, {
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    timeout: STRIPE_TIMEOUT_MS,
    // Safe to retry: every create carries an idempotency key.
    maxNetworkRetries: 2,
    telemetry: false,
    appInfo: { name: 'hark-entitlements' },
  });
}

export const isStripeError = (error: unknown): error is Stripe.errors.StripeError =>
  error instanceof Stripe.errors.StripeError;

/**
 * Runs a Stripe call for a request: Stripe's own errors become 502 PAYMENT_PROVIDER_ERROR (the
 * cause is logged with the request id, never shown), anything else goes on as it is.
 */
export async function callStripe<T>(request: FastifyRequest, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isStripeError(error)) throw error;
    request.log.error(
      { err: error, stripeStatus: error.statusCode, stripeRequestId: error.requestId },
      'Stripe call failed',
    );
    throw new HarkError('PAYMENT_PROVIDER_ERROR', { requestId: request.id });
  }
}
