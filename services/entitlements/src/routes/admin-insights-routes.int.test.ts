import { fixedClock, keySpace } from '@hark/core';
import { budgetGuardKeys, recordInteraction } from '@hark/interactions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  operator,
  startTestEntitlements,
  type TestEntitlements,
} from '../testing/test-entitlements.js';

const clock = fixedClock('2026-06-15T10:00:00Z');
let env: TestEntitlements;
let userKey: string;

beforeAll(async () => {
  env = await startTestEntitlements({ stripe: false, clock, env: { INSIGHTS_FOLD_INTERVAL_MS: '0' } });
  userKey = await env.userWithKey('ada');
  const { redis } = env.testRedis;
  const { keys } = env;
  await recordInteraction(redis, keys, {
    userId: 'ada',
    plan: 'premium',
    handledBy: 'llm',
    outcome: 'ok',
    latencyMs: 900,
    promptTokens: 1_200,
    completionTokens: 300,
    costMicroUsd: 2_500_000,
    at: new Date('2026-06-14T09:00:00Z'),
  });
  // The conversation service's per-user counters (interactionKeys' llmUsage), as its UsageMeter writes them.
  const usage = { promptTokens: 1_200, completionTokens: 300, costMicroUsd: 2_500_000, turns: 1 };
  await redis.hset(keys.llmUsage('ada', '2026-06-14'), usage);
  await redis.hset(keys.llmUsage('ada', '2026-06-15'), { ...usage, costMicroUsd: 500_000 });
  await redis.hset(keys.llmUsage('ada', '2026-06'), {
    promptTokens: 2_400,
    completionTokens: 600,
    costMicroUsd: 3_000_000,
    turns: 2,
  });
  await redis.hset(budgetGuardKeys(keySpace(env.testRedis.prefix)).budgetLedger('ada', '2026-06'), {
    spent: 1_700_000,
    steppedDownAt: '2026-06-14T09:00:00.000Z',
  });
  await env.app.inject({
    method: 'PUT',
    url: '/admin/users/ada/grant',
    headers: operator(),
    payload: { plan: 'premium', reason: 'usage test' },
  });
});
afterAll(() => env.close());

const get = (url: string, headers: Record<string, string> = operator()) => env.app.inject({ url, headers });

describe('GET /admin/insights', () => {
  it('defaults to the last 30 days up to today', async () => {
    const response = await get('/admin/insights');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.range).toEqual({
      from: '2026-05-17',
      to: '2026-06-15',
      days: 30,
      months: ['2026-05', '2026-06'],
    });
    expect(body.generatedAt).toBe('2026-06-15T10:00:00.000Z');
    expect(body.totals).toMatchObject({ interactions: 1, llmCostUsd: 2.5 });
    expect(body.plans.map((plan: { id: string }) => plan.id).sort()).toEqual(['free', 'premium']);
  });

  it('takes a range of up to 366 days', async () => {
    const response = await get('/admin/insights?from=2025-06-15&to=2026-06-15&top=3');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().daily).toHaveLength(366);
  });

  it.each([
    ['to before from', 'from=2026-06-10&to=2026-06-01'],
    ['more than 366 days', 'from=2025-01-01&to=2026-06-01'],
    ['more than 366 days up to today by default', 'from=2024-01-01'],
    ['a day that does not exist', 'from=2026-02-30&to=2026-03-01'],
    ['not a day', 'from=yesterday'],
    ['top out of bounds', 'top=0'],
  ])('refuses %s with 400', async (_case, query) => {
    const response = await get(`/admin/insights?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('HARK_ERR_VALIDATION');
  });

  it('is for operators only', async () => {
    expect((await get('/admin/insights', bearer(userKey))).statusCode).toBe(403);
    expect((await get('/admin/insights', {})).statusCode).toBe(401);
    expect((await get('/admin/insights.csv', bearer(userKey))).statusCode).toBe(403);
    expect((await get('/admin/users/ada/usage', {})).statusCode).toBe(401);
  });
});

describe('GET /admin/insights.csv', () => {
  it('answers one long table a spreadsheet can pivot', async () => {
    const response = await get('/admin/insights.csv?from=2026-06-01&to=2026-06-15');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('hark-insights-2026-06-01-2026-06-15.csv');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,period,tier,dimension,metric,value');
    expect(lines.every((line) => line.split(',').length === 6)).toBe(true);
    expect(lines).toContain('month,2026-06,premium,,listPriceEstimateUsd,5');
    expect(lines).toContain('month,2026-06,premium,,llmCostUsd,2.5');
    expect(lines).toContain('daily_intent,2026-06-14,premium,llm,interactions,1');
    expect(lines).toContain('llm_user,2026-06,premium,ada,costShareOfPrice,0.5');
    expect(lines).toContain('mix,2026-06-01..2026-06-15,*,,conversationShare,1');
  });

  it('refuses a bad range with the same 400 as the JSON report', async () => {
    const response = await get('/admin/insights.csv?from=2026-06-10&to=2026-06-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('HARK_ERR_VALIDATION');
  });
});

describe('GET /admin/users/:id/usage', () => {
  it("shows a user's LLM usage today, per day and for the month, against the plan price", async () => {
    const response = await get('/admin/users/ada/usage');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      userId: 'ada',
      month: '2026-06',
      plan: {
        id: 'premium',
        source: 'grant',
        priced: true,
        monthlyPriceUsd: 5,
        currency: 'usd',
        interval: 'month',
      },
      today: { date: '2026-06-15', turns: 1, tokens: 1_500, costMicroUsd: 500_000, costUsd: 0.5 },
      total: { turns: 2, promptTokens: 2_400, completionTokens: 600, tokens: 3_000, costUsd: 3 },
      marginUsd: 2,
      costShareOfPrice: 0.6,
      // The margin guard's ledger (services/conversation/src/budget), as its scripts leave it.
      budget: {
        budgetMicroUsd: 2_000_000,
        spentMicroUsd: 1_700_000,
        step: 'step-down',
        steppedDownAt: '2026-06-14T09:00:00.000Z',
        pausedAt: null,
      },
    });
    expect(body.days).toHaveLength(15);
    expect(body.days[13]).toMatchObject({ date: '2026-06-14', costUsd: 2.5 });
    expect(body.days[0]).toMatchObject({ date: '2026-06-01', turns: 0, costUsd: 0 });
  });

  it('shows a past month whole, and none of a month to come', async () => {
    expect((await get('/admin/users/ada/usage?month=2026-02')).json().days).toHaveLength(28);
    expect((await get('/admin/users/ada/usage?month=2026-07')).json().days).toEqual([]);
  });

  it('answers 404 for an unknown user and 400 for a bad month', async () => {
    expect((await get('/admin/users/nobody/usage')).statusCode).toBe(404);
    const bad = await get('/admin/users/ada/usage?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('HARK_ERR_VALIDATION');
  });
});
