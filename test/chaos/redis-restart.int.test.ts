// Redis dies under load and comes back. While it is down every request fails fast with 503
// HARK_ERR_UNAVAILABLE (never hanging on ioredis' retry defaults), /healthz stays up and /readyz
// says not ready, on every service; no process exits; everything recovers by itself afterwards;
// every timer fires exactly once (those due meanwhile late), and a Stripe webhook refused during
// the outage is applied when Stripe delivers it again.
import { keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { type SignedDelivery, StripeStandIn, testPlans, writeTestPlans } from '@hark/testing';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { entitlementsServiceKeys } from '../../services/entitlements/src/entitlements-service-keys.js';
import { connectSse, type SseConnection } from '../../services/router/src/testing/sse-client.js';
import { countByItem, notExactlyOnce, storedEvents } from './support/device-events.js';
import { DisposableRedis, redisServerPath } from './support/disposable-redis.js';
import {
  ADMIN_TOKEN,
  get,
  type Outcome,
  percentile,
  post,
  runLoad,
  sleep,
  timed,
  userWithKey,
  waitUntil,
} from './support/hark-http.js';
import { chaosRuns, LEASE_MS } from './support/leases.js';
import { killAll, type ServiceProcess, startService } from './support/service-process.js';

const PREFIX = 'chaos:restart:';
const space = keySpace(PREFIX);
const keys = { ...entitlementKeys(space), ...entitlementsServiceKeys(space) };
const DOWN_MS = 3_000;
const PREMIUM_PRICE = 'price_premium_chaos';

let redis: DisposableRedis | undefined;
let check: Redis | undefined;
let stripe: StripeStandIn | undefined;
let services: ServiceProcess[] = [];
let stream: SseConnection | undefined;
afterEach(async () => {
  stream?.close();
  await killAll(services);
  services = [];
  check?.disconnect();
  await stripe?.close();
  await redis?.stop();
});

interface Stack {
  router: ServiceProcess;
  entitlements: ServiceProcess;
  conversation: ServiceProcess;
  apiKey: string;
}

/** The three services on the disposable Redis; plans let the test's user keep many timers. */
async function startStack(redisUrl: string): Promise<Stack> {
  const roomyFree = { ...testPlans.free, limits: { ...testPlans.free.limits, 'timers.max_active': 1_000 } };
  await writeTestPlans(check!, keys.plans(), [roomyFree, testPlans.premium]);
  const common = {
    REDIS_PREFIX: PREFIX,
    ADMIN_TOKEN,
    INTERNAL_TOKEN: 'chaos-internal-token-1',
    // Every event is the evidence: none may be trimmed, however many timers the load creates.
    EVENTS_KEPT_PER_USER: '1000000',
  };
  // A firing cut off by the crash stays claimed until this lease runs out, then fires.
  const routerEnv = { SEED_DEMO: 'false', RATE_LIMIT_MAX: '100000', SCHEDULER_LEASE_MS: String(LEASE_MS) };
  const [router, entitlements, conversation] = await Promise.all([
    startService('router', { ...common, ...routerEnv }, { redisUrl }),
    startService(
      'entitlements',
      {
        ...common,
        STRIPE_SECRET_KEY: stripe!.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe!.webhookSecret,
        STRIPE_API_BASE: stripe!.url,
        STRIPE_PRICE_PREMIUM: PREMIUM_PRICE,
      },
      { redisUrl },
    ),
    startService('conversation', common, { redisUrl }),
  ]);
  services.push(router, entitlements, conversation);
  return { router, entitlements, conversation, apiKey: await userWithKey(router.url, 'cook') };
}

/** Creating timers, listing them, a skill turn and an NLU parse, over and over. */
function startLoad({ router, apiKey }: Stack, started: number) {
  return runLoad(6, (n) => {
    switch (n % 4) {
      case 0:
        return timed(started, `${router.url}/v1/timers`, post(apiKey, { durationSeconds: 1 + (n % 3) }));
      case 1:
        return timed(started, `${router.url}/v1/timers`, get(apiKey));
      case 2:
        return timed(started, `${router.url}/v1/converse`, post(apiKey, { text: 'what time is it' }));
      default:
        return timed(
          started,
          `${router.url}/v1/nlu/parse`,
          post(apiKey, { text: 'set a timer for 5 minutes' }),
        );
    }
  });
}

interface Probe {
  at: number;
  service: string;
  healthz: number;
  readyz: number;
}

/** /healthz and /readyz of every service, every 100 ms while `active()`. */
async function probeHealth(stack: Stack, started: number, active: () => boolean): Promise<Probe[]> {
  const probes: Probe[] = [];
  const services = [stack.router, stack.entitlements, stack.conversation];
  while (active()) {
    for (const service of services) {
      const at = performance.now() - started;
      const [healthz, readyz] = await Promise.all(
        ['/healthz', '/readyz'].map((path) => timed(started, `${service.url}${path}`, { timeoutMs: 2_000 })),
      );
      probes.push({ at, service: service.name, healthz: healthz!.status, readyz: readyz!.status });
    }
    await sleep(100);
  }
  return probes;
}

interface Outage {
  downAt: number;
  upAt: number;
  recoveredAt: number;
}

/** Success before and after; while down, only clean, fast 503s; never a 500, a reset or a hang. */
function expectFastFailures(outcomes: Outcome[], { downAt, upAt, recoveredAt }: Outage) {
  const failures = outcomes.filter((o) => o.status === 503);
  expect(outcomes.filter((o) => ![200, 201, 503].includes(o.status))).toEqual([]);
  expect(outcomes.filter((o) => o.at + o.ms < downAt).every((o) => o.status < 300)).toBe(true);
  const during = outcomes.filter((o) => o.at > downAt + 50 && o.at + o.ms < upAt);
  expect(during.length).toBeGreaterThan(20);
  expect(during.every((o) => o.status === 503)).toBe(true);
  expect(failures.every((o) => o.code === 'HARK_ERR_UNAVAILABLE')).toBe(true);
  expect(Math.max(...failures.map((o) => o.ms))).toBeLessThan(1_000);
  const after = outcomes.filter((o) => o.at > recoveredAt);
  expect(after.length).toBeGreaterThan(20);
  expect(after.every((o) => o.status < 300)).toBe(true);
  return failures;
}

/** Liveness never fails; readiness is 503 while Redis is down and 200 again once it is back. */
function expectHealth(probes: Probe[], { downAt, upAt, recoveredAt }: Outage) {
  expect(probes.filter((probe) => probe.healthz !== 200)).toEqual([]);
  const whileDown = probes.filter((p) => p.at > downAt + 200 && p.at < upAt - 200);
  expect(new Set(whileDown.map((probe) => probe.service)).size).toBe(3);
  expect(whileDown.filter((probe) => probe.readyz !== 503)).toEqual([]);
  // Each service reconnects on its own schedule (ioredis backs off up to 2 s): allow it that long.
  const settled = probes.filter((p) => p.at > recoveredAt + 2_500);
  expect(settled.filter((probe) => probe.readyz !== 200)).toEqual([]);
}

const finishedIds = (frames: SseConnection['frames']) =>
  frames
    .filter((frame) => frame.event === 'timer.finished')
    .map((frame) => (JSON.parse(frame.data ?? '{}') as { data: { id: string } }).data.id);

/** Every timer created, acknowledged or not, fires exactly once, in Redis and on the SSE stream. */
async function expectEveryTimerOnce(created: string[]) {
  const fired = async () => {
    const all = await storedEvents(check!, space, 'cook');
    return countByItem(all, 'timer.finished').size >= countByItem(all, 'timer.started').size;
  };
  await waitUntil(fired, 15_000 + LEASE_MS, 'every timer to finish');
  await sleep(500); // a second firing, were there one, would land now
  const all = await storedEvents(check!, space, 'cook');
  const startedIds = [...countByItem(all, 'timer.started').keys()];
  expect(startedIds).toEqual(expect.arrayContaining(created));
  expect(notExactlyOnce(startedIds, countByItem(all, 'timer.finished'))).toEqual({});
  const late = all.filter((event) => event.type === 'timer.finished' && event.data.late).length;
  expect(late).toBeGreaterThan(0); // those due during the outage fired on recovery, marked late
  await waitUntil(async () => finishedIds(stream!.frames).length >= startedIds.length, 5_000, 'SSE');
  expect([...finishedIds(stream!.frames)].sort()).toEqual([...startedIds].sort());
  return { timers: startedIds.length, late };
}

/** A subscription for the user, and the signed event Stripe would send about it. */
function subscriptionEvent(): { delivery: SignedDelivery; eventId: string } {
  const customer = stripe!.state.createCustomer({ metadata: { userId: 'cook' } });
  const subscription = stripe!.state.createSubscription({
    customer: customer.id,
    price: PREMIUM_PRICE,
    metadata: { userId: 'cook' },
  });
  const { delivery } = stripe!.event('customer.subscription.created', subscription);
  return { delivery, eventId: (JSON.parse(delivery.body) as { id: string }).id };
}

const deliver = (started: number, url: string, delivery: SignedDelivery) =>
  timed(started, `${url}/webhooks/stripe`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });

describe.skipIf(!chaosRuns || !redisServerPath)('Redis restarted during load', () => {
  it(
    'fails fast with 503 while Redis is down, recovers by itself, and loses nothing',
    async () => {
      redis = await DisposableRedis.start();
      check = new Redis(redis.url);
      check.on('error', () => undefined); // it reconnects by itself after the restart
      stripe = await StripeStandIn.start();
      const stack = await startStack(redis.url);
      const { router, entitlements, apiKey } = stack;
      stream = await connectSse(`${router.url}/v1/events`, { authorization: `Bearer ${apiKey}` });
      await stream.waitFor((frame) => frame.comment === 'connected');

      const started = performance.now();
      // Timers due before, during and after the outage; more are created by the load itself.
      const early = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          timed(started, `${router.url}/v1/timers`, post(apiKey, { durationSeconds: 1 + (n % 8) })),
        ),
      );
      expect(early.map((outcome) => outcome.status)).toEqual(early.map(() => 201));
      const load = startLoad(stack, started);
      let probing = true;
      const probes = probeHealth(stack, started, () => probing);

      await sleep(1_000);
      const downAt = performance.now() - started;
      await redis.crash();
      await sleep(DOWN_MS / 2);
      const webhook = subscriptionEvent();
      const refused = await deliver(started, entitlements.url, webhook.delivery);
      await sleep(DOWN_MS / 2);
      const upAt = performance.now() - started;
      await redis.restart();
      const answers = async () =>
        (await timed(started, `${router.url}/v1/timers`, get(apiKey))).status === 200;
      await waitUntil(answers, 10_000, 'the router to answer again after Redis came back');
      const recoveredAt = performance.now() - started;
      await sleep(3_000);
      const outcomes = await load.stop();
      probing = false;
      const outage = { downAt, upAt, recoveredAt };

      const failures = expectFastFailures(outcomes, outage);
      expectHealth(await probes, outage);
      // Stripe is told to retry (503) while Redis is down; its next delivery is applied.
      expect(refused).toMatchObject({ status: 503, code: 'HARK_ERR_UNAVAILABLE' });
      expect((await deliver(started, entitlements.url, webhook.delivery)).status).toBe(200);
      await waitUntil(
        async () => (await check!.exists(keys.stripeEvent(webhook.eventId))) === 1,
        5_000,
        'webhook',
      );
      expect(services.filter((service) => !service.alive())).toEqual([]);
      const created = [...early, ...outcomes]
        .filter((o) => o.status === 201)
        .map((o) => (o.body as { timer: { id: string } }).timer.id);
      const { timers, late } = await expectEveryTimerOnce(created);

      const latencies = failures.map((o) => o.ms);
      console.info(
        `redis restart: ${outcomes.length} requests (${outcomes.length - failures.length} ok, ` +
          `${failures.length} × 503 HARK_ERR_UNAVAILABLE); first 503 ` +
          `${(Math.min(...failures.map((o) => o.at + o.ms)) - downAt).toFixed(0)} ms after the kill; 503 ` +
          `latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; ` +
          `router answering again ${(recoveredAt - upAt).toFixed(0)} ms after Redis restarted; ${timers} timers, ` +
          `each fired once (${created.length} acknowledged, ${late} marked late); webhook refused in ` +
          `${refused.ms.toFixed(0)} ms while down, applied on redelivery; no process exited`,
      );
    },
    45_000 + LEASE_MS,
  );
});
