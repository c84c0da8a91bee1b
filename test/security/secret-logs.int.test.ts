// No secret ever reaches a log line: every service logs through its production logger options
// (redaction included) at trace level into memory while the stack goes through auth failures,
// upstream errors, proxying, internal calls and webhooks; then the output is searched for each
// secret, and for each API key that was issued or tried.
import { Writable } from 'node:stream';
import { loggerOptions } from '@hark/core';
import { STAND_IN_SECRET_KEY, STAND_IN_WEBHOOK_SECRET, signStripeDelivery } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentWav } from '../../services/router/src/testing/wav-fixture.js';
import {
  type HostileStack,
  type ServiceName,
  stackSecrets,
  startHostileStack,
} from './support/hostile-stack.js';

const lines: Record<ServiceName, string[]> = { router: [], entitlements: [], conversation: [] };
const capture = (service: ServiceName) =>
  new Writable({
    write(chunk, _encoding, done) {
      lines[service].push(String(chunk));
      done();
    },
  });

let stack: HostileStack;
const apiKeys: string[] = [];

beforeAll(async () => {
  stack = await startHostileStack('secret-logs', {
    logger: (service) => ({
      ...loggerOptions({ LOG_LEVEL: 'trace', LOG_PRETTY: false }),
      stream: capture(service),
    }),
  });
  await exerciseEverything();
  // Let the webhook worker and metering write what they log after the answers.
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(() => stack?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, authorization: string | undefined, payload?: unknown) =>
  stack.router.inject({
    method,
    url,
    headers: { ...(authorization ? { authorization } : {}), 'x-operator': 'log-test' },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const operator = `Bearer ${stackSecrets.ADMIN_TOKEN}`;

/** Everything a careless log line could pick up: credentials right and wrong, upstream failures. */
async function exerciseEverything(): Promise<void> {
  const { key } = await stack.userWithKey('logged', 'premium');
  apiKeys.push(key);
  const user = `Bearer ${key}`;
  // Auth failures: a near miss of a real key, the operator token on /v1, a user key on /admin,
  // a wrong operator token, an unparseable header.
  for (const [method, url, authorization] of [
    ['GET', '/v1/timers', `Bearer ${key}x`],
    ['GET', '/v1/timers', operator],
    ['GET', '/admin/plans', user],
    ['GET', '/admin/users/logged', `${operator}x`],
    ['GET', '/v1/me', `Basic ${key}`],
    ['POST', '/v1/converse', `Bearer ${key} ${stackSecrets.INTERNAL_TOKEN}`],
  ] as const) {
    expect((await call(method, url, authorization)).statusCode).toBeGreaterThanOrEqual(400);
  }
  // The operator issues a key (shown once, in the answer) and revokes it; the revoked key is tried.
  await call('POST', '/admin/users', operator, { id: 'issued' });
  const issued = (await call('POST', '/admin/users/issued/keys', operator)).json().apiKey;
  apiKeys.push(issued.key);
  await call('DELETE', `/admin/keys/${issued.id}`, operator);
  expect((await call('GET', '/v1/timers', `Bearer ${issued.key}`)).statusCode).toBe(401);

  // Errors: validation, a body holding a key, a premium turn whose upstream refuses (with the
  // key in its message, as some OpenAI-compatible servers echo it) and one whose upstream fails.
  await call('POST', '/v1/converse', user, { text: 42, apiKey: key, token: stackSecrets.ADMIN_TOKEN });
  stack.openAi.enqueue(
    { kind: 'status', status: 401, message: `Incorrect API key provided: ${stackSecrets.LLM_API_KEY}` },
    { kind: 'status', status: 500 },
  );
  await call('POST', '/v1/converse', user, { text: 'Tell me about the secret life of otters' });
  await call('POST', '/v1/converse', user, { text: 'Tell me about the secret life of badgers' });
  await call('POST', '/v1/converse', user, { text: 'And of hedgehogs?' });

  // Proxying to the entitlement service, which calls Stripe (once failing) with its secret key.
  await call('GET', '/v1/me', user);
  stack.stripe.failNext('/v1/customers', 1, 500);
  await call('POST', '/v1/billing/checkout', user, { plan: 'premium' });
  await call('POST', '/v1/billing/checkout', user, { plan: 'premium' });
  await call('PUT', '/admin/users/logged/grant', operator, { plan: 'premium', reason: 'log test' });
  await call('GET', '/admin/audit', operator);

  // Internal calls (router -> conversation with INTERNAL_TOKEN): speech, and a forged direct call.
  await stack.router.inject({
    method: 'POST',
    url: '/v1/converse/audio',
    headers: { authorization: user, 'content-type': 'audio/wav' },
    payload: silentWav(1),
  });
  await stack.conversation.inject({
    method: 'POST',
    url: '/internal/turns',
    headers: { 'x-hark-internal-token': `${stackSecrets.INTERNAL_TOKEN}-guess`, authorization: user },
    payload: { userId: 'logged' },
  });

  // Webhooks: badly signed, then properly signed.
  const event = stack.stripe.event('customer.subscription.updated', { id: 'sub_x', customer: 'cus_x' });
  const forged = signStripeDelivery(JSON.parse(event.delivery.body), `${STAND_IN_WEBHOOK_SECRET}0`);
  for (const delivery of [forged, event.delivery]) {
    await stack.router.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload: delivery.body,
      headers: delivery.headers,
    });
  }
}

describe('service logs', () => {
  it('carry no secret, no API key and no credential that was tried, at trace level', () => {
    const secrets = {
      ...stackSecrets,
      STRIPE_SECRET_KEY: STAND_IN_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: STAND_IN_WEBHOOK_SECRET,
      ...Object.fromEntries(apiKeys.map((key, index) => [`api key ${index}`, key])),
    };
    for (const [service, logged] of Object.entries(lines)) {
      const text = logged.join('');
      for (const [name, secret] of Object.entries(secrets)) {
        expect(text.includes(secret), `${name} in the ${service} log`).toBe(false);
      }
      // Bearer credentials of any kind, even unknown ones, never appear with their scheme.
      expect(text, service).not.toMatch(/Bearer\s+[\w.~+/-]{6,}/i);
    }
  });

  it('were really written: every service logged requests, and the failures above', () => {
    const all = Object.values(lines).flat().join('');
    for (const service of ['router', 'entitlements', 'conversation'] as const) {
      expect(lines[service].join(''), service).toContain('incoming request');
    }
    expect(all).toContain('HARK_ERR_UNAUTHORIZED');
    expect(all).toContain('HARK_ERR_FORBIDDEN');
    expect(all).toMatch(/LLM call failed/);
    expect(all).toContain('HARK_ERR_INVALID_SIGNATURE');
    expect(all).toContain('HARK_ERR_VALIDATION');
  });
});
