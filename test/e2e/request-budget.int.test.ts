// Issue 20, item 3: calling the entitlement service directly skipped the per-key budget (200 of 200
// GET :3002/v1/me answered for a key the router had cut off at 120). Now one budget per key wherever
// the key is accepted: the same Redis counter at the router and at the entitlement service, and what the
// router proxies, stamped as counted (packages/users/src/counted-stamp.ts), is counted once.
import { COUNTED_HEADER, countedStamp } from '@hark/users';
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

const BUDGET = 5;
const INTERNAL_TOKEN = 'budget-test-internal-token';
const limits = { RATE_LIMIT_MAX: String(BUDGET), RATE_LIMIT_WINDOW_MS: '60000', INTERNAL_TOKEN };

let entitlements: TestEntitlements;
let router: TestRouter;

beforeAll(async () => {
  entitlements = await startTestEntitlements({ stripe: false, env: { ADMIN_TOKEN, ...limits } });
  const address = await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  router = await startTestRouter({
    REDIS_PREFIX: entitlements.testRedis.prefix,
    ENTITLEMENTS_URL: address,
    ...limits,
  });
});
afterAll(async () => {
  await router.close();
  await entitlements.close();
});

const viaRouter = (key: string, url = '/v1/me') => router.app.inject({ url, headers: bearer(key) });
const direct = (key: string, headers: Record<string, string> = {}) =>
  entitlements.app.inject({ url: '/v1/me', headers: { ...bearer(key), ...headers } });

function expectCutOff(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(response.statusCode).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.json()).toMatchObject({ error: { code: 'HARK_ERR_RATE_LIMITED' } });
}

describe('one request budget per API key, at the router and at the entitlement service', () => {
  it('cuts a key off at :3002 directly once the router has cut it off', async () => {
    const key = await router.userWithKey('cut-off');
    for (let i = 0; i < BUDGET; i++) expect((await viaRouter(key, '/v1/timers')).statusCode).toBe(200);
    expectCutOff(await viaRouter(key, '/v1/timers'));
    expectCutOff(await direct(key));
    for (let i = 0; i < 20; i++) expect((await direct(key)).statusCode).toBe(429);
  });

  it('counts direct calls to :3002 against the same budget, which the router then enforces', async () => {
    const key = await router.userWithKey('direct');
    const statuses = [];
    for (let i = 0; i < BUDGET + 3; i++) statuses.push((await direct(key)).statusCode);
    expect(statuses).toEqual([...Array(BUDGET).fill(200), 429, 429, 429]);
    expectCutOff(await viaRouter(key, '/v1/timers'));
  });

  it('counts a request through the router once, not again at the service it is proxied to', async () => {
    const key = await router.userWithKey('proxied');
    const remaining = [];
    for (let i = 0; i < BUDGET; i++) {
      const response = await viaRouter(key);
      expect(response.statusCode).toBe(200);
      remaining.push(Number(response.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expectCutOff(await viaRouter(key));
  });

  it("counts a request whose stamp is forged, another key's or another request's", async () => {
    const key = await router.userWithKey('stamper');
    const other = await router.userWithKey('stamp-donor');
    const request = { method: 'GET', url: '/v1/me' };
    const stamps = [
      countedStamp('a-guessed-internal-token', key, request),
      countedStamp(INTERNAL_TOKEN, other, request),
      countedStamp(INTERNAL_TOKEN, key, { method: 'POST', url: '/v1/billing/checkout' }),
      countedStamp(INTERNAL_TOKEN, key, request, Date.now() - 60_000),
      'not-a-stamp',
    ];
    for (const stamp of stamps) expect((await direct(key, { [COUNTED_HEADER]: stamp })).statusCode).toBe(200);
    expectCutOff(await direct(key, { [COUNTED_HEADER]: countedStamp('wrong-secret-value', key, request) }));
  });
});
