// kill -9 of the entitlement service (its Stripe event worker) while it takes in and processes a
// webhook storm: every event id is applied, none is lost, the queue ends empty with nothing
// failed, and every projection ends at Stripe's latest state. Webhooks are delivered like Stripe
// does: signed, and delivered again (to any live instance) until one answers 200.
import { keySpace, type RedisClient, systemClock } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { connectTestRedis, type SignedDelivery, StripeStandIn, type TestRedis } from '@hark/testing';
import { type UserKeys, UserStore, userKeys } from '@hark/users';
import { afterEach, describe, expect, it } from 'vitest';
import { entitlementsServiceKeys } from '../../services/entitlements/src/entitlements-service-keys.js';
import {
  type StormCustomer,
  seededRandom,
  shuffled,
  stormDeliveries,
} from '../../services/entitlements/src/testing/stripe-storm.js';
import { ADMIN_TOKEN, sleep, waitUntil } from './support/hark-http.js';
import { chaosRuns, LEASE_MS } from './support/leases.js';
import { killAll, type ServiceProcess, startService } from './support/service-process.js';

const PREMIUM_PRICE = 'price_premium_chaos';
const CUSTOMERS = 30;
const EVENTS = 240;

let testRedis: TestRedis | undefined;
let stripe: StripeStandIn | undefined;
let services: ServiceProcess[] = [];
afterEach(async () => {
  await killAll(services);
  services = [];
  await stripe?.close();
  await testRedis?.cleanup();
});

async function stormCustomers(redis: RedisClient, keys: UserKeys) {
  const users = new UserStore(redis, keys, systemClock);
  const customers: StormCustomer[] = [];
  for (let index = 0; index < CUSTOMERS; index++) {
    const userId = `payer-${index}`;
    await users.createUser({ id: userId });
    const customer = stripe!.state.createCustomer({ metadata: { userId } });
    const subscription = stripe!.state.createSubscription({
      customer: customer.id,
      price: PREMIUM_PRICE,
      metadata: { userId },
    });
    customers.push({ userId, customerId: customer.id, subscriptions: [subscription] });
  }
  return customers;
}

/**
 * Delivers like Stripe: each event until some instance answers 200, trying again after a pause
 * (Stripe waits longer) on an error status or a dropped connection. `target()` is the live instance.
 */
function deliverLikeStripe(deliveries: SignedDelivery[], lanes: number, target: () => string) {
  let next = 0;
  let acknowledged = 0;
  let redelivered = 0;
  const deliverOne = async (delivery: SignedDelivery) => {
    for (;;) {
      const status = await fetch(`${target()}/webhooks/stripe`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(5_000),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (status === 200) return;
      redelivered++;
      await sleep(100);
    }
  };
  const lane = async () => {
    while (next < deliveries.length) {
      await deliverOne(deliveries[next++]!);
      acknowledged++;
    }
  };
  const done = Promise.all(Array.from({ length: lanes }, lane));
  return {
    done,
    acknowledged: () => acknowledged,
    redelivered: () => redelivered,
  };
}

describe.skipIf(!chaosRuns)('kill -9 of the entitlement worker mid-load', () => {
  it(
    'applies every webhook event once the survivor takes over; none is lost',
    async () => {
      testRedis = await connectTestRedis('chaos-worker-kill');
      const space = keySpace(testRedis.prefix);
      const keys = { ...entitlementKeys(space), ...entitlementsServiceKeys(space) };
      const redis = testRedis.redis as RedisClient;
      stripe = await StripeStandIn.start();
      stripe.listLatencyMs = 15; // each sync takes a moment, so jobs are in flight when the kill comes
      const random = seededRandom(20_261_127);
      const customers = await stormCustomers(redis, userKeys(space));
      const events = stormDeliveries({ stripe, customers, events: EVENTS, prices: [PREMIUM_PRICE], random });
      const deliveries = shuffled([...events, ...shuffled(events, random).slice(0, EVENTS / 10)], random);
      const eventIds = [...new Set(deliveries.map((d) => (JSON.parse(d.body) as { id: string }).id))];

      const env = {
        REDIS_PREFIX: testRedis.prefix,
        ADMIN_TOKEN,
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_BASE: stripe.url,
        STRIPE_PRICE_PREMIUM: PREMIUM_PRICE,
        STRIPE_WORKER_LEASE_MS: String(LEASE_MS),
        INSIGHTS_FOLD_INTERVAL_MS: '0',
      };
      const first = await startService('entitlements', env);
      services.push(first);
      let live = first.url;
      const delivering = deliverLikeStripe(deliveries, 8, () => live);

      // Kill it while it has jobs running and a third of the storm is acknowledged.
      const queue = `${keys.stripeQueuePrefix()}:stripe-events`;
      let activeAtKill: string[] = [];
      await waitUntil(
        async () => {
          if (delivering.acknowledged() < deliveries.length / 3) return false;
          activeAtKill = await redis.lrange(`${queue}:active`, 0, -1);
          return activeAtKill.length > 0;
        },
        10_000,
        'the worker to have jobs in flight',
      );
      first.child.kill('SIGKILL');
      const killedAt = performance.now();
      await first.exited;
      const second = await startService('entitlements', env);
      services.push(second);
      live = second.url;
      await delivering.done;

      const applied = async () => {
        const marks = await Promise.all(eventIds.map((id) => redis.exists(keys.stripeEvent(id))));
        return marks.every((mark) => mark === 1);
      };
      await waitUntil(applied, 3 * LEASE_MS + 10_000, 'every event to be applied');
      const allAppliedMs = performance.now() - killedAt;
      await waitUntil(
        async () => (await redis.llen(`${queue}:active`)) + (await redis.llen(`${queue}:wait`)) === 0,
        5_000,
        'the queue to empty',
      );
      expect(await redis.zcard(`${queue}:failed`)).toBe(0);
      expect(await redis.zcard(`${queue}:delayed`)).toBe(0);
      for (const customer of customers) {
        const latest = customer.subscriptions.at(-1)!;
        const projection = JSON.parse((await redis.get(keys.entitlement(customer.userId))) ?? '{}');
        expect(projection.subscription, customer.userId).toMatchObject({
          id: latest.id,
          status: latest.status,
        });
      }
      expect(second.alive()).toBe(true);
      console.info(
        `entitlement worker kill -9: ${deliveries.length} deliveries of ${eventIds.length} events; killed with ` +
          `${activeAtKill.length} job(s) in flight; ${delivering.redelivered()} delivery attempt(s) failed at the ` +
          `kill and were delivered again; every event applied ${allAppliedMs.toFixed(0)} ms after the kill ` +
          `(lease ${LEASE_MS} ms); nothing failed, every projection at Stripe's latest state`,
      );
    },
    40_000 + 3 * LEASE_MS,
  );
});
