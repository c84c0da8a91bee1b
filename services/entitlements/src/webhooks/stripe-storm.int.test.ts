import type { StandInSubscription } from '@hark/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  deliverConcurrently,
  percentile,
  type StormCustomer,
  seededRandom,
  shuffled,
  stormDeliveries,
} from '../testing/stripe-storm.js';
import {
  operator,
  PREMIUM_PRICE,
  startTestEntitlements,
  type TestEntitlements,
} from '../testing/test-entitlements.js';

const CUSTOMERS = 100;
const EVENTS = 1_000;
const DUPLICATE_SHARE = 0.1;
const PLUS_PRICE = 'price_plus_storm';

let env: TestEntitlements;
beforeAll(async () => {
  env = await startTestEntitlements();
});
afterAll(() => env.close());

async function stormCustomers(): Promise<StormCustomer[]> {
  const stripe = env.stripe!;
  const customers: StormCustomer[] = [];
  for (let index = 0; index < CUSTOMERS; index++) {
    const userId = `storm-${index}`;
    await env.app.users.createUser({ id: userId });
    const customer = stripe.state.createCustomer({ metadata: { userId } });
    const subscription = stripe.state.createSubscription({
      customer: customer.id,
      price: PREMIUM_PRICE,
      metadata: { userId },
    });
    customers.push({ userId, customerId: customer.id, subscriptions: [subscription] });
  }
  return customers;
}

const planOfPrice = (subscription: StandInSubscription) =>
  subscription.items.data[0]!.price.id === PLUS_PRICE ? 'plus' : 'premium';

it('ends every projection at Stripe’s latest state after 1,000 shuffled, duplicated, concurrent events', async () => {
  const plus = await env.app.inject({
    method: 'POST',
    url: '/admin/plans',
    headers: operator(),
    payload: {
      id: 'plus',
      name: 'Plus',
      enabled: true,
      price: { stripePriceId: PLUS_PRICE, amount: 300, currency: 'usd', interval: 'month' },
      features: { conversation: true, 'voice.stt': false, 'voice.tts': false },
      limits: {
        'timers.max_active': 20,
        'conversation.turns_per_day': 50,
        'conversation.trial_turns_per_month': 0,
        'weather.forecast_days': 5,
        'conversation.llm_budget_micro_usd': 1_000_000,
      },
    },
  });
  expect(plus.statusCode).toBe(201);
  const random = seededRandom(20_261_126);
  const customers = await stormCustomers();
  const events = stormDeliveries({
    stripe: env.stripe!,
    customers,
    events: EVENTS,
    prices: [PREMIUM_PRICE, PLUS_PRICE],
    random,
  });
  const duplicates = shuffled(events, random).slice(0, EVENTS * DUPLICATE_SHARE);
  const deliveries = shuffled([...events, ...duplicates], random);

  const address = await env.app.listen({ host: '127.0.0.1', port: 0 });
  const started = performance.now();
  const { statuses, latenciesMs } = await deliverConcurrently(`${address}/webhooks/stripe`, deliveries, 50);
  const acknowledgedMs = performance.now() - started;
  await env.queueDrained(30_000);
  const settledMs = performance.now() - started;

  expect(statuses.filter((status) => status !== 200)).toEqual([]);
  for (const customer of customers) {
    const latest = customer.subscriptions.at(-1)!;
    const projection = await env.service.projections.read(customer.userId);
    expect(projection?.subscription, customer.userId).toMatchObject({
      id: latest.id,
      customerId: customer.customerId,
      status: latest.status,
      planId: planOfPrice(latest),
      currentPeriodEnd: new Date(latest.items.data[0]!.current_period_end * 1000).toISOString(),
    });
  }
  const metrics = (await env.app.inject({ method: 'GET', url: '/metrics' })).body;
  const applied = [...metrics.matchAll(/hark_stripe_events_total\{type="[^"]+",outcome="applied"\} (\d+)/g)]
    .map((match) => Number(match[1]))
    .reduce((sum, count) => sum + count, 0);
  expect(applied).toBe(EVENTS);
  expect(await env.service.queue.counts()).toEqual({ pending: 0, failed: 0 });

  console.info(
    `storm: ${deliveries.length} deliveries (${EVENTS} events, ${duplicates.length} duplicates, ${CUSTOMERS} customers): ` +
      `acknowledged in ${acknowledgedMs.toFixed(0)} ms (p50 ${percentile(latenciesMs, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(latenciesMs, 0.99).toFixed(1)} ms), all applied in ${settledMs.toFixed(0)} ms`,
  );
});
