import { HarkError } from '@hark/core';
import type Stripe from 'stripe';
import { z } from 'zod';

/** Stripe's own default: a signature more than 5 minutes old is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * What the handler reads of an event before acting on it. Only the SDK's signature check stands
 * between the body and the handler, and a signed body can still be `null` or `{}` (a test sender,
 * a replayed fragment): refused here with a 400 instead of failing deeper down with a 500.
 */
const eventShape = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

/** The `t=` of a Stripe-Signature header in unix seconds (the last one wins, as in the SDK). */
function signedAtSeconds(header: string): number {
  const stamps = header.split(',').filter((item) => item.startsWith('t='));
  return stamps.length === 0 ? Number.NaN : Number.parseInt(stamps.at(-1)!.slice(2), 10);
}

function eventOf(parsed: unknown): Stripe.Event {
  const checked = eventShape.safeParse(parsed);
  if (checked.success) return parsed as Stripe.Event;
  const issue = checked.error.issues[0]!;
  const reason = `${issue.path.join('.') || 'body'}: ${issue.message}`;
  throw new HarkError('INVALID_STRIPE_EVENT', { reason }, { reason });
}

/**
 * The event of a delivery whose signature matches the raw body and is dated within the tolerance
 * on either side of now. The SDK bounds only the age; a timestamp years ahead would otherwise make
 * a captured delivery replayable for years, so the future side is checked here.
 */
export function verifiedEvent(
  stripe: Stripe,
  rawBody: Buffer,
  signature: string,
  webhookSecret: string,
  nowMs = Date.now(),
): Stripe.Event {
  let parsed: unknown;
  try {
    parsed = stripe.webhooks.constructEvent(
      rawBody,
      signature,
      webhookSecret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      nowMs,
    );
  } catch (error) {
    // Signed, but not JSON: the signature was fine, the body is not an event.
    if (error instanceof SyntaxError)
      throw new HarkError('INVALID_STRIPE_EVENT', { reason: 'not JSON' }, { reason: 'not JSON' });
    throw new HarkError('INVALID_SIGNATURE');
  }
  if (signedAtSeconds(signature) - Math.floor(nowMs / 1000) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new HarkError('INVALID_SIGNATURE');
  }
  return eventOf(parsed);
}
