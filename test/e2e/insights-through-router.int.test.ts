// Operator insights through the router's one base URL: a free user's turns, recorded by the
// router on the interaction stream, show up in the entitlement service's /admin/insights,
// including the premium gate the user hit.
import type { InsightsResponse } from '@hark/contracts';
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

beforeAll(async () => {
  entitlements = await startTestEntitlements({
    stripe: false,
    env: { ADMIN_TOKEN, INSIGHTS_FOLD_INTERVAL_MS: '0' },
  });
  const address = await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  router = await startTestRouter({ REDIS_PREFIX: entitlements.testRedis.prefix, ENTITLEMENTS_URL: address });
  key = await router.userWithKey('ada');
});
afterAll(async () => {
  await router.close();
  await entitlements.close();
});

const operatorGet = (url: string) => router.app.inject({ url, headers: bearer(ADMIN_TOKEN) });
const converse = (text: string) =>
  router.app.inject({ method: 'POST', url: '/v1/converse', headers: bearer(key), payload: { text } });

/** The router records turns off the hot path: wait until the stream holds `count` of them. */
async function interactionsRecorded(count: number): Promise<void> {
  const stream = entitlements.keys.interactions();
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await entitlements.testRedis.redis.xlen(stream)) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`fewer than ${count} interactions were recorded`);
}

describe('insights through the router', () => {
  it('counts a skill turn and a premium-gate hit of a free user', async () => {
    expect((await converse('set a timer for 5 minutes')).json().handledBy).toBe('skill');
    for (let turn = 0; turn < 5; turn++)
      await router.app.entitlements.consume('ada', 'conversation.trial_turns_per_month');
    const gated = (await converse("what's the time complexity of quicksort")).json();
    expect(gated).toMatchObject({ handledBy: 'fallback', upsell: { plan: 'premium' } });
    await interactionsRecorded(2);

    const response = await operatorGet('/admin/insights');
    expect(response.statusCode, response.body).toBe(200);
    const report: InsightsResponse = response.json();
    expect(report.totals).toMatchObject({
      interactions: 2,
      byHandledBy: { skill: 1, llm: 0, fallback: 1 },
      upsells: 1,
    });
    expect(report.totals.activeUsersByTier.free).toBe(1);
    expect(report.dailyByIntent).toContainEqual(
      expect.objectContaining({ tier: 'free', intent: 'timer.start', interactions: 1 }),
    );
    expect(report.gate).toMatchObject({ usersHitGate: 1, upgradedWithin7Days: 0, upsellTurns: 1 });
  });

  it('proxies the CSV and the per-user usage, to operators only', async () => {
    const csv = await operatorGet('/admin/insights.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('section,period,tier,dimension,metric,value');
    const usage = await operatorGet('/admin/users/ada/usage');
    expect(usage.statusCode, usage.body).toBe(200);
    expect(usage.json()).toMatchObject({
      userId: 'ada',
      plan: { id: 'free', priced: false },
      total: { turns: 0 },
    });
    const asUser = await router.app.inject({ url: '/admin/insights', headers: bearer(key) });
    expect(asUser.statusCode).toBe(403);
  });

  it('passes the service 400 for a bad range through', async () => {
    const response = await operatorGet('/admin/insights?from=2026-06-10&to=2026-06-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('HARK_ERR_VALIDATION');
  });
});
