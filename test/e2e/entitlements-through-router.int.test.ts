import type { InjectOptions } from 'fastify';
// The router in front of the real entitlement service, on one Redis prefix as in a deployment:
// a client uses the router's base URL only, the service writes the projection and publishes the
// change, and the router's entitlements-client sees it at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEntitlements,
  type TestEntitlements,
} from '../../services/entitlements/src/testing/test-entitlements.js';
import {
  ADMIN_TOKEN,
  bearer,
  startTestRouter,
  type TestRouter,
} from '../../services/router/src/testing/test-router.js';

let entitlements: TestEntitlements;
let router: TestRouter;
let key: string;
const operator = { ...bearer(ADMIN_TOKEN), 'x-operator': 'e2e' };
const unmatched = { text: "what's the time complexity of quicksort" };

beforeAll(async () => {
  entitlements = await startTestEntitlements({ stripe: false, env: { ADMIN_TOKEN } });
  const address = await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  router = await startTestRouter({ REDIS_PREFIX: entitlements.testRedis.prefix, ENTITLEMENTS_URL: address });
  key = await router.userWithKey('ada');
});
afterAll(async () => {
  await router.close();
  await entitlements.close();
});

const viaRouter = (request: InjectOptions) => router.app.inject(request);

/** Polls until `condition` holds; resolves the milliseconds it took. */
async function within(ms: number, condition: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

describe('entitlements through the router', () => {
  it('answers GET /v1/me for a router API key, on the seeded free plan', async () => {
    const response = await viaRouter({ url: '/v1/me', headers: bearer(key) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { id: 'ada' },
      plan: { id: 'free' },
      features: { conversation: false },
      limits: { 'timers.max_active': 10 },
    });
  });

  it('applies an operator grant made through the router to the router itself within 100 ms', async () => {
    await router.app.entitlements.check('ada', 'conversation');
    const granted = await viaRouter({
      method: 'PUT',
      url: '/admin/users/ada/grant',
      headers: operator,
      payload: { plan: 'premium', reason: 'e2e support case' },
    });
    expect(granted.statusCode).toBe(200);
    const took = await within(100, () => router.app.entitlements.check('ada', 'conversation'));
    expect(took).toBeLessThan(100);
    expect(await router.app.entitlements.limit('ada', 'timers.max_active')).toBe(50);
    const me = (await viaRouter({ url: '/v1/me', headers: bearer(key) })).json();
    expect(me.plan.id).toBe('premium');
  });

  it('upsells once the trial is spent, after the grant is revoked', async () => {
    const revoked = await viaRouter({ method: 'DELETE', url: '/admin/users/ada/grant', headers: operator });
    expect(revoked.statusCode).toBeLessThan(300);
    await within(100, async () => !(await router.app.entitlements.check('ada', 'conversation')));
    for (let turn = 0; turn < 5; turn++)
      await router.app.entitlements.consume('ada', 'conversation.trial_turns_per_month');
    const body = (
      await viaRouter({ method: 'POST', url: '/v1/converse', headers: bearer(key), payload: unmatched })
    ).json();
    expect(body.upsell).toMatchObject({
      feature: 'conversation',
      plan: 'premium',
      checkoutPath: '/v1/billing/checkout',
    });
    const me = (await viaRouter({ url: '/v1/me', headers: bearer(key) })).json();
    expect(me.usage['conversation.trial_turns_per_month']).toBe(5);
  });

  it('answers billing without Stripe keys with the service own 503, passed through', async () => {
    const response = await viaRouter({
      method: 'POST',
      url: '/v1/billing/checkout',
      headers: bearer(key),
      payload: { plan: 'premium' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('HARK_ERR_BILLING_UNAVAILABLE');
  });
});
