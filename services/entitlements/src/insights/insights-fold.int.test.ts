import type { InsightsResponse } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { type InteractionEvent, recordInteraction } from '@hark/interactions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator, startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';

// A table of interaction events, folded, must give exactly these figures. Small sets, so the
// HyperLogLog counts are exact.
const clock = fixedClock('2026-04-02T12:00:00Z');
let env: TestEntitlements;

beforeEach(async () => {
  clock.set('2026-04-02T12:00:00Z');
  env = await startTestEntitlements({ stripe: false, clock, env: { INSIGHTS_FOLD_INTERVAL_MS: '0' } });
  for (const user of ['ada', 'bob', 'cy', 'dan', 'eve']) await env.userWithKey(user);
});
afterEach(() => env.close());

type Event = Omit<InteractionEvent, 'at' | 'outcome' | 'latencyMs'> & { at: string; outcome?: string };
const record = (...events: Event[]) =>
  Promise.all(
    events.map((event) =>
      recordInteraction(env.testRedis.redis, env.keys, {
        outcome: 'ok',
        latencyMs: 12,
        ...event,
        at: new Date(event.at),
      }),
    ),
  );

const skill = (userId: string, plan: string, intent: string, at: string): Event => ({
  userId,
  plan,
  handledBy: 'skill',
  intent,
  at,
});
const llm = (
  userId: string,
  plan: string,
  at: string,
  tokens: [number, number],
  costMicroUsd: number,
): Event => ({
  userId,
  plan,
  handledBy: 'llm',
  promptTokens: tokens[0],
  completionTokens: tokens[1],
  costMicroUsd,
  model: 'gpt-4o-mini',
  at,
});
const upsell = (userId: string, at: string): Event => ({
  userId,
  plan: 'free',
  handledBy: 'fallback',
  upsell: true,
  at,
});

const batchA: Event[] = [
  skill('ada', 'free', 'timer.start', '2026-03-01T08:00:00Z'),
  skill('ada', 'free', 'timer.start', '2026-03-01T08:05:00Z'),
  skill('bob', 'free', 'weather.get', '2026-03-01T09:00:00Z'),
  upsell('bob', '2026-03-01T09:01:00Z'),
  llm('cy', 'premium', '2026-03-01T10:00:00Z', [100, 50], 1_500),
  { ...llm('cy', 'premium', '2026-03-01T10:01:00Z', [200, 100], 3_000), outcome: 'HARK_ERR_LLM_TIMEOUT' },
  skill('cy', 'premium', 'alarm.set', '2026-03-01T11:00:00Z'),
  llm('ada', 'free', '2026-03-02T08:00:00Z', [10, 5], 100),
  upsell('bob', '2026-03-02T09:00:00Z'),
  llm('dan', 'premium', '2026-04-01T10:00:00Z', [1_000, 1_000], 7_000_000),
];

const grant = (userId: string, at: string) => {
  clock.set(at);
  return env.app.inject({
    method: 'PUT',
    url: `/admin/users/${userId}/grant`,
    headers: operator('insights-test'),
    payload: { plan: 'premium', reason: 'upgrade in a test' },
  });
};

async function insights(query = 'from=2026-03-01&to=2026-04-01'): Promise<InsightsResponse> {
  clock.set('2026-04-02T12:00:00Z');
  const response = await env.app.inject({ url: `/admin/insights?${query}`, headers: operator() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('insights fold', () => {
  beforeEach(async () => {
    await record(...batchA);
    // Malformed: no user. The cursor passes it; nothing counts it.
    await env.testRedis.redis.xadd(env.keys.interactions(), '*', 'handledBy', 'skill');
    await env.service.insightsFolder.fold({ maxMs: 5_000 });
    // bob's first gate hit is folded before he upgrades; eve upgrades before hers is folded.
    expect((await grant('bob', '2026-03-05T00:00:00Z')).statusCode).toBe(200);
    await record(upsell('eve', '2026-03-01T12:00:00Z'));
    expect((await grant('eve', '2026-03-20T00:00:00Z')).statusCode).toBe(200);
  });

  it('counts interactions per day, tier and intent, and the usage mix', async () => {
    const report = await insights();
    expect(report.range).toEqual({
      from: '2026-03-01',
      to: '2026-04-01',
      days: 32,
      months: ['2026-03', '2026-04'],
    });
    expect(report.totals).toMatchObject({
      interactions: 11,
      byHandledBy: { skill: 4, llm: 4, fallback: 3 },
      activeUsers: 5,
      activeUsersByTier: { free: 3, premium: 2 },
      upsells: 3,
      llmPromptTokens: 1_310,
      llmCompletionTokens: 1_155,
      llmTokens: 2_465,
      llmCostMicroUsd: 7_004_600,
      llmCostUsd: 7,
    });
    expect(report.daily[0]).toEqual({
      date: '2026-03-01',
      interactions: 8,
      byHandledBy: { skill: 4, llm: 2, fallback: 2 },
      byTier: { free: 5, premium: 3 },
      activeUsers: 4,
      activeUsersByTier: { free: 3, premium: 1 },
      upsells: 2,
      llmCostMicroUsd: 4_500,
      llmCostUsd: 0,
    });
    expect(report.daily).toHaveLength(32);
    expect(report.daily[2]).toMatchObject({ date: '2026-03-03', interactions: 0, activeUsers: 0 });
    expect(report.dailyByIntent).toContainEqual({
      date: '2026-03-01',
      tier: 'free',
      intent: 'timer.start',
      interactions: 2,
    });
    expect(report.dailyByIntent).toContainEqual({
      date: '2026-03-01',
      tier: 'premium',
      intent: 'llm',
      interactions: 2,
    });
    const category = (name: string) => report.mix.categories.find((c) => c.category === name);
    expect(category('timers')).toMatchObject({ kind: 'utility', interactions: 2, byTier: { free: 2 } });
    expect(category('conversation')).toMatchObject({ interactions: 4, byTier: { free: 1, premium: 3 } });
    expect(category('fallback')).toMatchObject({ interactions: 3 });
    expect(report.mix).toMatchObject({
      total: 11,
      utilityShare: 0.3636,
      conversationShare: 0.3636,
      fallbackShare: 0.2727,
    });
    expect(report.aggregation).toMatchObject({
      eventsFolded: 12,
      pendingEvents: 0,
      caughtUp: true,
      lagMs: 0,
    });
  });

  it('sets revenue against the LLM bill per tier and month', async () => {
    const report = await insights();
    const row = (month: string, tier: string) =>
      report.months.find((m) => m.month === month && m.tier === tier);
    expect(row('2026-03', 'premium')).toEqual({
      month: '2026-03',
      complete: true,
      tier: 'premium',
      priced: true,
      monthlyPriceUsd: 5,
      activeUsers: 1,
      payingUsers: 1,
      listPriceEstimateUsd: 5,
      interactions: 3,
      llmTurns: 1,
      llmPromptTokens: 300,
      llmCompletionTokens: 150,
      llmTokens: 450,
      llmCostMicroUsd: 4_500,
      llmCostUsd: 0,
      listPriceMarginUsd: 5,
      listPriceMarginRatio: 0.9991,
    });
    expect(row('2026-03', 'free')).toMatchObject({
      activeUsers: 3,
      payingUsers: 0,
      listPriceEstimateUsd: 0,
      llmCostMicroUsd: 100,
      listPriceMarginRatio: null,
    });
    expect(row('2026-04', 'premium')).toMatchObject({
      complete: false,
      payingUsers: 1,
      listPriceEstimateUsd: 5,
      llmCostUsd: 7,
      listPriceMarginUsd: -2,
      listPriceMarginRatio: -0.4,
    });
    expect(report.monthTotals[0]).toMatchObject({
      month: '2026-03',
      activeUsers: 4,
      payingUsers: 1,
      listPriceEstimateUsd: 5,
      llmCostMicroUsd: 4_600,
    });
    const dan = report.llmUsers.find((tier) => tier.month === '2026-04' && tier.tier === 'premium');
    expect(dan).toMatchObject({ usersWithLlm: 1, usersCostingMoreThanPrice: 1, avgCostUsd: 7 });
    expect(dan?.top).toEqual([
      {
        userId: 'dan',
        turns: 1,
        promptTokens: 1_000,
        completionTokens: 1_000,
        tokens: 2_000,
        costMicroUsd: 7_000_000,
        costUsd: 7,
        marginUsd: -2,
        costShareOfPrice: 1.4,
      },
    ]);
    const cy = report.llmUsers.find((tier) => tier.month === '2026-03' && tier.tier === 'premium');
    expect(cy?.top[0]).toMatchObject({
      userId: 'cy',
      turns: 1,
      promptTokens: 300,
      costMicroUsd: 4_500,
      costShareOfPrice: 0.0009,
    });
    expect(cy?.usersCostingMoreThanPrice).toBe(0);
  });

  it('counts gate hits and upgrades within 7 and 30 days, whichever was recorded first', async () => {
    const { gate } = await insights();
    expect(gate).toMatchObject({
      usersHitGate: 2,
      upgradedWithin7Days: 1,
      upgradedWithin30Days: 2,
      conversionRate7Days: 0.5,
      conversionRate30Days: 1,
      windowOpen7Days: 0,
      upsellTurns: 3,
      firstUpgrades: 2,
    });
    expect(gate.daily.find((day) => day.date === '2026-03-01')).toEqual({
      date: '2026-03-01',
      usersHitGate: 2,
      upgradedWithin7Days: 1,
      upgradedWithin30Days: 2,
      firstUpgrades: 0,
    });
    // A second move onto a priced plan is not a first upgrade.
    await env.app.inject({ method: 'DELETE', url: '/admin/users/bob/grant', headers: operator() });
    expect((await grant('bob', '2026-03-06T00:00:00Z')).statusCode).toBe(200);
    expect((await insights()).gate).toMatchObject({ upgradedWithin7Days: 1, firstUpgrades: 2 });
  });

  it('shows what paying users use, and the monthly revenue they stand for', async () => {
    const { downstream } = await insights();
    const intent = (name: string) => downstream.find((row) => row.intent === name);
    expect(intent('llm')).toEqual({
      intent: 'llm',
      category: 'conversation',
      users: 3,
      payingUsers: 2,
      monthlyRevenueUsd: 10,
      shareOfPayingUsers: 1,
    });
    expect(intent('alarm.set')).toMatchObject({
      users: 1,
      payingUsers: 1,
      monthlyRevenueUsd: 5,
      shareOfPayingUsers: 0.5,
    });
    expect(intent('timer.start')).toMatchObject({
      category: 'timers',
      users: 1,
      payingUsers: 0,
      monthlyRevenueUsd: 0,
    });
    expect(downstream[0]?.intent).toBe('llm');
  });

  it('folds incrementally: new events add to the rollups, old ones are not counted again', async () => {
    const before = await insights('from=2026-03-01&to=2026-03-31');
    await record(
      skill('ada', 'free', 'timer.start', '2026-03-03T08:00:00Z'),
      llm('cy', 'premium', '2026-03-03T09:00:00Z', [1, 1], 10),
    );
    const after = await insights('from=2026-03-01&to=2026-03-31');
    expect(after.totals.interactions).toBe(before.totals.interactions + 2);
    expect(after.totals.llmCostMicroUsd).toBe(before.totals.llmCostMicroUsd + 10);
    expect(after.totals.activeUsers).toBe(before.totals.activeUsers);
    expect(after.aggregation.eventsFolded).toBe(before.aggregation.eventsFolded + 2);
    expect(after.daily.find((day) => day.date === '2026-03-03')?.interactions).toBe(2);
    expect(before.range.months).toEqual(['2026-03']);
  });
});
