// Issue 20, item 6: a properly signed delivery whose body is not an event (null, no data, a null
// data.object) was a 500; a signature dated years ahead was accepted. Both are 400 now.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';

let env: TestEntitlements;
// Only for the SDK's offline signing helper; it never makes a request.
const signer = new Stripe('sk_test_signing_only');

beforeAll(async () => {
  env = await startTestEntitlements();
});
afterAll(() => env.close());

/** `body` as Stripe would send it, signed with the endpoint's secret at `timestamp` (default now). */
function deliver(body: string, timestamp?: number) {
  const signature = signer.webhooks.generateTestHeaderString({
    payload: body,
    secret: env.stripe!.webhookSecret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  return env.deliver({
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

const now = () => Math.floor(Date.now() / 1000);
const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'evt_shape', object: 'event', created: now(), type: 'invoice.paid', ...fields });

describe('POST /webhooks/stripe: signed bodies that are not events', () => {
  const cases: [string, string][] = [
    ['a null body', 'null'],
    ['a number', '42'],
    ['an array', '[]'],
    ['an empty object', '{}'],
    ['no data', event({})],
    ['data: null', event({ data: null })],
    ['data.object: null', event({ data: { object: null } })],
    ['data.object a string', event({ data: { object: 'cus_1' } })],
    ['no type', JSON.stringify({ id: 'evt_x', created: now(), data: { object: {} } })],
    ['no id', JSON.stringify({ type: 'invoice.paid', created: now(), data: { object: {} } })],
  ];

  it.each(cases)('%s answers 400 HARK_ERR_INVALID_STRIPE_EVENT', async (_name, body) => {
    const response = await deliver(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('HARK_ERR_INVALID_STRIPE_EVENT');
  });

  it('still acknowledges a well-formed event', async () => {
    const response = await deliver(event({ type: 'customer.created', data: { object: { id: 'cus_1' } } }));
    expect(response.statusCode).toBe(200);
  });
});

describe('POST /webhooks/stripe: signature timestamps', () => {
  const body = event({ type: 'customer.created', data: { object: { id: 'cus_1' } } });

  it.each([
    ['years ahead', 3 * 365 * 86_400],
    ['an hour ahead', 3_600],
    ['6 minutes ahead', 360],
  ])('refuses a signature dated %s with 400 HARK_ERR_INVALID_SIGNATURE', async (_name, ahead) => {
    const response = await deliver(body, now() + ahead);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('HARK_ERR_INVALID_SIGNATURE');
  });

  it('accepts a clock a little ahead (within the 5-minute tolerance)', async () => {
    expect((await deliver(body, now() + 60)).statusCode).toBe(200);
  });
});
