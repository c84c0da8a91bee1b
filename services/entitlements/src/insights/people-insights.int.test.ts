import type { CollectedRevenue, InsightsResponse, SubscriptionStatus } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { type InteractionEvent, recordInteraction } from '@hark/interactions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyProjection } from '../projection/projection-store.js';
import { operator, startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';
import { GrantLedger } from './grant-ledger.js';
import { InternalUserMarks } from './internal-user-marks.js';
import { PeopleInsights } from './people-insights.js';

// Customers apart from comps, trials, free and internal users, and the smart-timer question per
// person: a small month folded through the service, every figure worked out by hand below.
const clock = fixedClock('2026-03-01T00:00:00Z');
let env: TestEntitlements;

beforeEach(async () => {
  clock.set('2026-03-01T00:00:00Z');
  env = await startTestEntitlements({ stripe: false, clock, env: { INSIGHTS_FOLD_INTERVAL_MS: '0' } });
  for (const user of ['pat', 'pia', 'tia', 'cam', 'fay', 'fox', 'ian']) await env.userWithKey(user);
});
afterEach(() => env.close());

type Event = Omit<InteractionEvent, 'at' | 'outcome' | 'latencyMs'>;
let minute = 0;
const record = (...events: Event[]) =>
  Promise.all(
    events.map((event) =>
      recordInteraction(env.testRedis.redis, env.keys, {
        outcome: 'ok',
        latencyMs: 10,
        ...event,
        at: new Date(Date.parse('2026-03-10T08:00:00Z') + minute++ * 60_000),
      }),
    ),
  );
const skill = (userId: string, plan: string, intent: string): Event => ({
  userId,
  plan,
  handledBy: 'skill',
  intent,
});
const llm = (userId: string, plan: string, costMicroUsd: number, tools: string[] = []): Event => ({
  userId,
  plan,
  handledBy: 'llm',
  costMicroUsd,
  promptTokens: 100,
  completionTokens: 10,
  toolCalls: tools.length,
  tools,
});

async function subscribe(userId: string, status: SubscriptionStatus) {
  await env.service.projections.update(userId, () => ({
    ...emptyProjection(userId, clock.now()),
    subscription: {
      id: `sub_${userId}`,
      customerId: `cus_${userId}`,
      status,
      planId: 'premium',
      currentPeriodEnd: '2026-04-01T00:00:00.000Z',
      eventCreated: 1,
      pastDueSince: null,
    },
  }));
}

const markInternal = (userId: string, internal: boolean) =>
  env.app.inject({
    method: 'PUT',
    url: `/admin/users/${userId}/internal`,
    headers: operator('load test'),
    payload: { internal, note: 'load test key' },
  });

async function insights(): Promise<InsightsResponse> {
  clock.set('2026-04-02T12:00:00Z');
  const response = await env.app.inject({
    url: '/admin/insights?from=2026-03-01&to=2026-03-31',
    headers: operator(),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** The scripted month: classes are set before the turns are folded, the tester marked first. */
async function scriptedMonth() {
  await subscribe('pat', 'active');
  await subscribe('pia', 'active');
  await subscribe('tia', 'trialing');
  const grant = await env.app.inject({
    method: 'PUT',
    url: '/admin/users/cam/grant',
    headers: operator(),
    payload: { plan: 'premium', reason: 'friend of the project' },
  });
  expect(grant.statusCode, grant.body).toBe(200);
  expect((await markInternal('ian', true)).statusCode).toBe(200);
  await record(
    skill('pat', 'premium', 'timer.start'),
    llm('pat', 'premium', 1_000_000, ['timer_start', 'web_search']),
    skill('pia', 'premium', 'timer.start'),
    skill('pia', 'premium', 'alarm.set'),
    llm('tia', 'premium', 200_000),
    llm('cam', 'premium', 3_000_000),
    skill('cam', 'premium', 'weather.get'),
    skill('fay', 'free', 'timer.start'),
    skill('fay', 'free', 'system.stop'),
    skill('fay', 'free', 'alarm.set'),
    llm('fay', 'free', 50_000, ['time_get']),
    skill('fox', 'free', 'timer.start'),
    skill('fox', 'free', 'system.stop'),
    // The internal tester hammering the API: none of it may show.
    ...Array.from({ length: 5 }, () => skill('ian', 'premium', 'time.get')),
    llm('ian', 'premium', 9_000_000, ['timer_start', 'timer_start', 'timer_start']),
  );
}

describe('customers, margin and people', () => {
  it('keeps comps, trials and free users apart from paying ones, and leaves internal users out', async () => {
    await scriptedMonth();
    const report = await insights();
    expect(report.aggregation).toMatchObject({ eventsFolded: 19, internalEventsSkipped: 6, caughtUp: true });
    // Every other figure leaves the tester out: 6 people, 13 turns.
    expect(report.totals).toMatchObject({ interactions: 13, activeUsers: 6 });
    expect(report.mix.categories.find((row) => row.category === 'time')?.interactions ?? 0).toBe(0);

    const premium = report.margin.find((row) => row.planId === 'premium');
    expect(premium).toEqual({
      month: '2026-03',
      planId: 'premium',
      complete: true,
      planPriceUsd: 5,
      collectedUsd: 0,
      otherCurrencies: [],
      payingUsers: 2,
      payingLlmCostMicroUsd: 1_000_000,
      compedUsers: 1,
      compedLlmCostMicroUsd: 3_000_000, // a cost, never revenue
      trialUsers: 1,
      trialLlmCostMicroUsd: 200_000,
      freeUsers: 0,
      freeLlmCostMicroUsd: 0,
      llmCostMicroUsd: 4_200_000,
      grossMarginUsd: -4.2,
      marginRatio: null,
      llmCostPerPayingUserUsd: 0.5, // 1.00 / 2
      llmCostPerCompedUserUsd: 3,
      llmCostPerFreeUserUsd: null,
    });
    expect(report.margin.find((row) => row.planId === 'free')).toMatchObject({
      planPriceUsd: null,
      freeUsers: 2,
      freeLlmCostMicroUsd: 50_000,
      llmCostPerFreeUserUsd: 0.03, // 0.05 / 2 = 0.025, to cents
      grossMarginUsd: -0.05,
    });

    expect(report.customers).toEqual([
      {
        month: '2026-03',
        activeByClass: { paying: 2, trial: 1, comped: 1, free: 2, internal: 1 },
        // Trials are counted from Stripe's events by the revenue side; none were sent here.
        trialsStarted: 0,
        trialsConverted: 0,
        trialsEnded: 0,
        trialingAtEnd: 0,
        compedAtEnd: 1,
        internalUsers: 1,
      },
    ]);
    expect(report.people).toEqual({
      activeUsers: 6,
      // fox, and pia, who pays (a "stop" would not have counted against them); pat and fay also
      // talked to the LLM, cam asked about the weather.
      timerAlarmOnlyUsers: 2,
      timerAlarmOnlyShare: 0.3333,
      timerAlarmOnlyPaying: 1,
      llmToolCalls: 3,
      llmToolCallsToFreeSkills: 2, // timer_start and time_get: skills the free path answers
      llmToolCallsByTool: [
        { tool: 'time_get', calls: 1 },
        { tool: 'timer_start', calls: 1 },
        { tool: 'web_search', calls: 1 },
      ],
    });
  });

  it('sets margin against the USD revenue Stripe collected, and lists other currencies', async () => {
    await scriptedMonth();
    await insights();
    const revenue: CollectedRevenue[] = [
      { month: '2026-03', planId: 'premium', currency: 'usd', netMinor: 1_000 },
      { month: '2026-03', planId: 'premium', currency: 'eur', netMinor: 900 },
      { month: '2026-02', planId: 'premium', currency: 'usd', netMinor: 5_000 },
    ];
    const asked: (readonly string[])[] = [];
    const people = new PeopleInsights({
      redis: env.testRedis.redis,
      keys: env.keys,
      grants: new GrantLedger({ redis: env.testRedis.redis, keys: env.keys, clock }),
      marks: new InternalUserMarks(env.testRedis.redis, env.keys, clock),
      collectedRevenue: async (months) => {
        asked.push(months);
        return revenue;
      },
    });
    const plans = await env.service.plans.all();
    const report = await insights();
    const monthRollups = [
      {
        month: '2026-03',
        tiers: new Map(),
        classCost: new Map(
          report.margin.map((row) => [
            row.planId,
            new Map([
              ['paying', row.payingLlmCostMicroUsd],
              ['comped', row.compedLlmCostMicroUsd],
              ['trial', row.trialLlmCostMicroUsd],
              ['free', row.freeLlmCostMicroUsd],
            ]),
          ]),
        ),
        toolCalls: new Map(),
      },
    ];
    const { tierPrices } = await import('./plan-prices.js');
    const sections = await people.sections({
      months: ['2026-03'],
      tiers: ['free', 'premium'],
      prices: tierPrices(plans, ['free', 'premium']),
      plans,
      monthRollups,
      today: '2026-04-02',
      now: clock.now(),
    });
    expect(asked).toEqual([['2026-03']]);
    expect(sections.margin.find((row) => row.planId === 'premium')).toMatchObject({
      collectedUsd: 10,
      otherCurrencies: ['eur'],
      llmCostMicroUsd: 4_200_000,
      grossMarginUsd: 5.8, // 10.00 - 4.20
      marginRatio: 0.58,
    });
    expect(sections.customers).toEqual([
      {
        month: '2026-03',
        activeByClass: { paying: 2, trial: 1, comped: 1, free: 2, internal: 1 },
        compedAtEnd: 1,
        internalUsers: 1,
      },
    ]);
  });

  it('applies a mark to turns folded after it, and clearing it counts the user again', async () => {
    await record(skill('ian', 'free', 'time.get'));
    expect((await insights()).totals.activeUsers).toBe(1);
    clock.set('2026-03-11T00:00:00Z');
    expect((await markInternal('ian', true)).json()).toEqual({
      userId: 'ian',
      internal: true,
      note: 'load test key',
      markedAt: '2026-03-11T00:00:00.000Z',
      markedBy: 'bootstrap',
    });
    await record(skill('ian', 'free', 'time.get'), skill('ian', 'free', 'time.get'));
    let report = await insights();
    expect(report.totals.interactions).toBe(1);
    expect(report.aggregation.internalEventsSkipped).toBe(2);

    const list = await env.app.inject({ url: '/admin/internal-users', headers: operator() });
    expect(list.json().users.map((user: { userId: string }) => user.userId)).toEqual(['ian']);
    expect((await markInternal('ian', false)).json()).toMatchObject({ internal: false });
    await record(skill('ian', 'free', 'time.get'));
    report = await insights();
    expect(report.totals.interactions).toBe(2);
    expect((await env.app.inject({ url: '/admin/internal-users', headers: operator() })).json()).toEqual({
      users: [],
    });
    const audit = await env.app.inject({ url: '/admin/audit', headers: operator() });
    const actions = audit.json().entries.map((entry: { action: string }) => entry.action);
    expect(actions.slice(0, 2)).toEqual(['user.internal.delete', 'user.internal.put']);
  });

  it('answers 404 for an unknown user and 400 for a bad body, with stable codes', async () => {
    const unknown = await env.app.inject({
      method: 'PUT',
      url: '/admin/users/nobody/internal',
      headers: operator(),
      payload: { internal: true },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('HARK_ERR_NOT_FOUND');
    const bad = await env.app.inject({
      method: 'PUT',
      url: '/admin/users/ian/internal',
      headers: operator(),
      payload: { internal: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('HARK_ERR_VALIDATION');
  });
});
