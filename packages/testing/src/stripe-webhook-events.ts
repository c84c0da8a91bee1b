import Stripe from 'stripe';
import { stripeId, unixSeconds } from './stripe-state.js';

/** A webhook event as Stripe sends it (a snapshot event of API v1). */
export interface StandInEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
}

/** One signed delivery: the exact body bytes and the headers Stripe would send with them. */
export interface SignedDelivery {
  body: string;
  headers: { 'content-type': 'application/json'; 'stripe-signature': string };
}

// Only for its webhook helpers, which sign offline; it never makes a request.
const offlineStripe = new Stripe('sk_test_signing_only');

/** An event whose data.object is a snapshot (deep copy) of `object` as it is now. */
export function buildStripeEvent(type: string, object: unknown, created = unixSeconds()): StandInEvent {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/**
 * Signs an event with the SDK's own `generateTestHeaderString`, so the service verifies exactly
 * what Stripe's signature scheme produces. `timestamp` (unix seconds) lets a test send a stale one.
 */
export function signStripeDelivery(
  event: StandInEvent,
  secret: string,
  options: { timestamp?: number } = {},
): SignedDelivery {
  const body = JSON.stringify(event);
  const signature = offlineStripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}
