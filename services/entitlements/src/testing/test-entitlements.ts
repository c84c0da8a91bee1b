import { setTimeout as sleep } from 'node:timers/promises';
import { type Clock, loadConfig } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { interactionKeys } from '@hark/interactions';
import {
  connectTestRedis,
  type SignedDelivery,
  StripeStandIn,
  type TestRedis,
  testRedisEnv,
} from '@hark/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildEntitlements, type EntitlementService } from '../app.js';
import { entitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { RetryPolicy } from '../webhooks/stripe-event-queue.js';

export const ADMIN_TOKEN = 'test-operator-token';
export const PREMIUM_PRICE = 'price_premium_test';

/** Quick retries, so a test sees a failed job succeed in milliseconds. */
export const fastRetry: RetryPolicy = { attempts: 6, baseDelayMs: 20, maxDelayMs: 100 };

export interface TestEntitlements {
  app: FastifyInstance;
  service: EntitlementService;
  /** Every key the service reads or writes, whoever declares it. */
  keys: ReturnType<typeof serviceKeysOf>;
  testRedis: TestRedis;
  /** The Stripe stand-in the service talks to; null when started without Stripe. */
  stripe: StripeStandIn | null;
  /** Creates a user with a fresh API key; returns the key. */
  userWithKey(id: string, name?: string): Promise<string>;
  /** Delivers a signed Stripe event to POST /webhooks/stripe. */
  deliver(delivery: SignedDelivery): Promise<LightMyRequestResponse>;
  /** Resolves once the Stripe event queue has nothing waiting, running or delayed. */
  queueDrained(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestEntitlementsOptions {
  /** Start a Stripe stand-in and configure the keys (default true). */
  stripe?: boolean;
  env?: Record<string, string>;
  clock?: Clock;
  retry?: RetryPolicy;
}

const serviceKeysOf = (service: EntitlementService) => ({
  ...entitlementKeys(service.keys),
  ...interactionKeys(service.keys),
  ...entitlementsServiceKeys(service.keys),
});

/** The entitlement service on the real test Redis, under a key prefix of its own, with logs off. */
export async function startTestEntitlements(
  options: TestEntitlementsOptions = {},
): Promise<TestEntitlements> {
  const testRedis = await connectTestRedis('entitlements');
  const stripe = options.stripe === false ? null : await StripeStandIn.start();
  const stripeEnv = stripe
    ? {
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_BASE: stripe.url,
        STRIPE_PRICE_PREMIUM: PREMIUM_PRICE,
      }
    : {};
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN,
    NODE_ENV: 'test',
    AUTH_CACHE_TTL_MS: '0',
    PUBLIC_BASE_URL: 'http://hark.test',
    ...stripeEnv,
    ...options.env,
  });
  const app = await buildEntitlements({
    config,
    redis: testRedis.redis,
    logger: false,
    retry: options.retry ?? fastRetry,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.ready();
  const service = app.entitlementService;
  return {
    app,
    service,
    keys: serviceKeysOf(service),
    testRedis,
    stripe,
    async userWithKey(id, name) {
      await app.users.createUser({ id, name: name ?? id, timezone: null });
      return (await app.users.addApiKey(id)).key;
    },
    deliver: (delivery) =>
      app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        headers: delivery.headers,
        payload: delivery.body,
      }),
    async queueDrained(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await service.queue.counts()).pending > 0) {
        if (Date.now() > deadline) throw new Error('the Stripe event queue did not drain in time');
        await sleep(5);
      }
    },
    async close() {
      await app.close();
      await stripe?.close();
      await testRedis.cleanup();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const operator = (name?: string) => ({
  ...bearer(ADMIN_TOKEN),
  ...(name ? { 'x-operator': name } : {}),
});
