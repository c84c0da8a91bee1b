import type { InsightsResponse } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playScriptedMonth, SCRIPTED_MONTH } from '../testing/scripted-month.js';
import { operator, startTestEntitlements, type TestEntitlements } from '../testing/test-entitlements.js';

// The scripted month (testing/scripted-month.ts) against the Stripe stand-in; every figure below
// is worked out by hand from the script, in USD cents. Prices: premium 500, plus 900, lite 300.
const clock = fixedClock('2026-02-01T00:00:00Z');
let env: TestEntitlements;
let report: InsightsResponse;

const insights = async (query: string): Promise<InsightsResponse> => {
  const response = await env.app.inject({ url: `/admin/insights?${query}`, headers: operator() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

beforeAll(async () => {
  env = await startTestEntitlements({ clock, env: { INSIGHTS_FOLD_INTERVAL_MS: '0' } });
  await playScriptedMonth(env, clock);
  report = await insights('from=2026-02-01&to=2026-03-31');
}, 120_000);
afterAll(() => env?.close());

describe('the scripted month', () => {
  it('counts MRR and its movements as ChartMogul does', () => {
    expect(report.mrr).toEqual([
      {
        month: '2026-02',
        currency: 'usd',
        complete: true,
        startMinor: 0,
        newMinor: 10_000, // v01..v20 x 500
        expansionMinor: 0,
        contractionMinor: 0,
        churnedMinor: 0,
        reactivationMinor: 0,
        endMinor: 10_000,
        netMovementMinor: 10_000,
        payingCustomersStart: 0,
        newCustomers: 20,
        reactivatedCustomers: 0,
        churnedCustomers: 0,
        payingCustomersEnd: 20,
        customerChurnRate: null,
        grossRevenueChurnRate: null,
        netRevenueChurnRate: null,
        arppuMinor: 500, // 10 000 / 20
        ltvMinor: null, // nobody churned
      },
      {
        month: '2026-03',
        currency: 'usd',
        complete: true,
        startMinor: 10_000,
        newMinor: 3_000, // g01..g04 (4 x 500) + g05 (500) + t1 converted (500); trials add 0
        expansionMinor: 800, // v01, v02: 500 -> 900 = 2 x 400
        contractionMinor: 200, // v03: 500 -> 300
        churnedMinor: 1_500, // v04, v05, v06 cancel: 3 x 500; v20's past_due keeps its MRR
        reactivationMinor: 500, // v06 again on 25 March
        endMinor: 12_600, // 10 000 + 3 000 + 800 - 200 - 1 500 + 500; the refund changes nothing
        netMovementMinor: 2_600,
        payingCustomersStart: 20,
        newCustomers: 6, // g01..g05, t1
        reactivatedCustomers: 1, // v06
        churnedCustomers: 3,
        payingCustomersEnd: 24, // 20 + 6 + 1 - 3
        customerChurnRate: 0.15, // 3 / 20
        grossRevenueChurnRate: 0.17, // (1 500 + 200) / 10 000
        netRevenueChurnRate: 0.04, // (1 500 + 200 - 800 - 500) / 10 000
        arppuMinor: 525, // 12 600 / 24
        ltvMinor: 3_500, // 525 / 0.15
      },
    ]);
  });

  it('counts the revenue Stripe collected, net of the refund', () => {
    expect(report.revenue).toEqual([
      {
        month: '2026-02',
        planId: 'premium',
        currency: 'usd',
        invoicesPaid: 20, // v01..v20's first invoices
        paidMinor: 10_000,
        refunds: 0,
        refundedMinor: 0,
        netMinor: 10_000,
      },
      {
        month: '2026-03',
        planId: 'premium',
        currency: 'usd',
        // 20 renewals (v20's paid on 4 March) + g01..g04 + g05 + t1's first + v06's return;
        // trial starts are invoices for 0 and upgrades are billed at the next renewal (April).
        invoicesPaid: 27,
        paidMinor: 13_500, // 27 x 500
        refunds: 1, // v07's March invoice
        refundedMinor: 500,
        netMinor: 13_000,
      },
    ]);
  });

  it('keeps trials apart until their first paid invoice', async () => {
    const { MoneySections } = await import('./money-sections.js');
    const sections = new MoneySections(env.testRedis.redis, env.keys);
    expect(await sections.trials(['2026-02', '2026-03'])).toEqual([
      { month: '2026-02', trialsStarted: 0, trialsConverted: 0, trialsEnded: 0, trialingAtEnd: 0 },
      // t1 and t2 start on 8 March; t1 pays on 22 March, t2 cancels before paying.
      { month: '2026-03', trialsStarted: 2, trialsConverted: 1, trialsEnded: 1, trialingAtEnd: 0 },
    ]);
  });

  it('follows the premium gate to checkout and the first paid invoice', async () => {
    const march = await insights(`from=${SCRIPTED_MONTH.range.from}&to=${SCRIPTED_MONTH.range.to}`);
    expect(march.funnel).toEqual({
      gateShown: 10, // g01..g10 on 2 March
      checkoutStarted: 6, // g01..g06
      checkoutCompleted: 5, // g01..g04 on 3 March, g05 on 20 March
      checkoutAbandoned: 1, // g06
      paidWithin7Days: 4, // g01..g04, a day after the gate
      paidWithin30Days: 5, // and g05, 18 days after
      windowOpen7Days: 0, // 2 March is more than 30 days before 2 April
      windowOpen30Days: 0,
      conversionRate7Days: 0.4, // 4 / 10
      conversionRate30Days: 0.5, // 5 / 10
      grantedAfterGate: 1, // g07, by an operator
      // Sessions: g01..g06 on 3 March, g05's second on 20 March; g05's first and g06's expired.
      checkouts: { started: 7, completed: 5, expired: 2, open: 0 },
    });
  });

  it('records nothing twice: a resync and a redelivery change no figure', async () => {
    const resync = await env.app.inject({ method: 'POST', url: '/admin/stripe/resync', headers: operator() });
    expect(resync.statusCode, resync.body).toBe(200);
    const again = await insights('from=2026-02-01&to=2026-03-31');
    expect(again.revenue).toEqual(report.revenue);
    expect(again.mrr).toEqual(report.mrr);
  });

  // Usage (testing/scripted-month.ts, USAGE): every LLM turn is 25 000 micro-USD (gpt-4o, 6 000
  // prompt + 1 000 completion tokens). Turns counted by hand, the internal user (qa-load) apart:
  //   2 March   10 fallback upsells, g01..g10, free
  //   9 March   LLM 42 = v01..v07 14 + g01..g04 4 + c1, c2, c3, g07 12 + t1, t2 4 + f07 5 + g08 3
  //             skill 47 = v08..v11 12 + v12 2 + v13..v20 16 + f01..f06 12 + f07 2 + f08..f10 3
  //   28 March  LLM 16 = v01, v02, v03, v06, v07 10 + g05, t1 2 + g07, c1..c3 4
  //             skill 8 = v08..v11 4 + f01..f03 3 + v04 1
  //   in all    123 = 10 fallback + 55 skill + 58 LLM; qa-load: 200 + 100 on 9 March, 100 on 28 March
  // A turn counts in the class its user had that day (the script folds each day):
  //   paying  (premium) 30 LLM turns: 9 March v01..v07 14 + g01..g04 4; 28 March 10 + g05, t1 2
  //   comped  (premium) 16: g07, c1..c3 x 3 on 9 March + x 1 on 28 March
  //   trial   (premium)  4: t1, t2 x 2 on 9 March
  //   free    (free)     8: f07 5 + g08 3

  it('splits March margin per plan by customer class, comps and trials as costs', () => {
    const empty = { payingUsers: 0, compedUsers: 0, trialUsers: 0, freeUsers: 0 };
    const noCost = {
      payingLlmCostMicroUsd: 0,
      compedLlmCostMicroUsd: 0,
      trialLlmCostMicroUsd: 0,
      freeLlmCostMicroUsd: 0,
      llmCostMicroUsd: 0,
    };
    const noPerUser = {
      llmCostPerPayingUserUsd: null,
      llmCostPerCompedUserUsd: null,
      llmCostPerFreeUserUsd: null,
    };
    expect(report.margin).toEqual([
      {
        month: '2026-02',
        planId: 'free',
        complete: true,
        planPriceUsd: null,
        collectedUsd: 0,
        otherCurrencies: [],
        ...empty,
        ...noCost,
        grossMarginUsd: 0,
        marginRatio: null,
        ...noPerUser,
      },
      {
        month: '2026-02',
        planId: 'premium',
        complete: true,
        planPriceUsd: 5,
        collectedUsd: 100, // 20 x 5.00
        otherCurrencies: [],
        ...empty, // nobody spoke in February
        ...noCost,
        grossMarginUsd: 100,
        marginRatio: 1,
        ...noPerUser,
      },
      {
        month: '2026-03',
        planId: 'free',
        complete: true,
        planPriceUsd: null,
        collectedUsd: 0,
        otherCurrencies: [],
        payingUsers: 0,
        payingLlmCostMicroUsd: 0,
        compedUsers: 0,
        compedLlmCostMicroUsd: 0,
        trialUsers: 0,
        trialLlmCostMicroUsd: 0,
        freeUsers: 21, // g01..g10 (the gate, 2 March) + f01..f10 + v04 (28 March, cancelled)
        freeLlmCostMicroUsd: 200_000, // f07 5 + g08 3 = 8 x 25 000
        llmCostMicroUsd: 200_000,
        grossMarginUsd: -0.2, // 0 - 0.20
        marginRatio: null, // nothing collected
        llmCostPerPayingUserUsd: null,
        llmCostPerCompedUserUsd: null,
        llmCostPerFreeUserUsd: 0.01, // 200 000 / 21 = 9 524 micro-USD, to the cent
      },
      {
        month: '2026-03',
        planId: 'premium',
        complete: true,
        planPriceUsd: 5,
        collectedUsd: 130, // net of the refund: 13 000 cents
        otherCurrencies: [],
        payingUsers: 26, // v01..v20 (9 March) + g01..g04 (9 March) + g05, t1 (28 March)
        payingLlmCostMicroUsd: 750_000, // 30 x 25 000
        compedUsers: 4, // g07, c1, c2, c3; qa-load is internal
        compedLlmCostMicroUsd: 400_000, // 16 x 25 000
        trialUsers: 2, // t1, t2 on 9 March
        trialLlmCostMicroUsd: 100_000, // 4 x 25 000
        freeUsers: 0,
        freeLlmCostMicroUsd: 0,
        llmCostMicroUsd: 1_250_000, // 750 000 + 400 000 + 100 000; qa-load's 100 turns left out
        grossMarginUsd: 128.75, // 130 - 1.25
        marginRatio: 0.9904, // 128.75 / 130 = 0.99038
        llmCostPerPayingUserUsd: 0.03, // 750 000 / 26 = 28 846 micro-USD
        llmCostPerCompedUserUsd: 0.1, // 400 000 / 4
        llmCostPerFreeUserUsd: null,
      },
    ]);
  });

  it('counts customers apart from comps, trials, free and internal users', () => {
    const none = { paying: 0, trial: 0, comped: 0, free: 0, internal: 0 };
    expect(report.customers).toEqual([
      {
        month: '2026-02',
        activeByClass: none, // nobody spoke in February
        trialsStarted: 0,
        trialsConverted: 0,
        trialsEnded: 0,
        trialingAtEnd: 0,
        compedAtEnd: 0,
        internalUsers: 1, // qa-load (now)
      },
      {
        month: '2026-03',
        // A user counts in every class they spoke in: g01..g05 were free at the gate, paying later.
        activeByClass: {
          paying: 26, // as in the margin
          trial: 2, // t1, t2
          comped: 4, // g07, c1..c3
          free: 21, // g01..g10, f01..f10, v04
          internal: 1, // qa-load
        },
        trialsStarted: 2,
        trialsConverted: 1,
        trialsEnded: 1,
        trialingAtEnd: 0,
        compedAtEnd: 4, // g07 (6 March), c1..c3 (7 March); qa-load's grant is an internal user's
        internalUsers: 1,
      },
    ]);
  });

  it('answers the smart-timer question per person', () => {
    expect(report.people).toEqual({
      // v01..v20, g01..g10, t1, t2, c1..c3, f01..f10 (f11..f14 never spoke; qa-load is internal)
      activeUsers: 45,
      timerAlarmOnlyUsers: 11, // v08..v11, v12 ("stop" is neutral), f01..f06; v04 also talked to the LLM
      timerAlarmOnlyShare: 0.2444, // 11 / 45
      timerAlarmOnlyPaying: 5, // v08..v12
      // v01 timer_start, weather_get; c1 more_tools, reminder_create; t1 alarm_set; f07 timer_start;
      // v02 timer_start, timer_add_time. qa-load's 200 calls are left out.
      llmToolCalls: 8,
      llmToolCallsToFreeSkills: 7, // all but more_tools
      llmToolCallsByTool: [
        { tool: 'timer_start', calls: 3 },
        { tool: 'alarm_set', calls: 1 },
        { tool: 'more_tools', calls: 1 },
        { tool: 'reminder_create', calls: 1 },
        { tool: 'timer_add_time', calls: 1 },
        { tool: 'weather_get', calls: 1 },
      ],
    });
  });

  it("leaves the internal user's 400 turns out of every figure", () => {
    expect(report.aggregation).toMatchObject({
      eventsFolded: 523, // 123 + qa-load's 400
      internalEventsSkipped: 400, // 200 skill + 100 LLM on 9 March, 100 skill on 28 March
      caughtUp: true,
    });
    expect(report.totals).toEqual({
      interactions: 123,
      byHandledBy: { skill: 55, llm: 58, fallback: 10 },
      activeUsers: 45,
      // free: g01..g10, f01..f10, v04; premium: v01..v20, g01..g05, g07, t1, t2, c1..c3
      activeUsersByTier: { free: 21, premium: 31 },
      upsells: 10,
      llmPromptTokens: 348_000, // 58 x 6 000
      llmCompletionTokens: 58_000, // 58 x 1 000
      llmTokens: 406_000,
      llmCostMicroUsd: 1_450_000, // 58 x 25 000
      llmCostUsd: 1.45,
    });
    expect(
      report.daily
        .filter((day) => day.interactions > 0)
        .map(({ date, interactions, byHandledBy, activeUsers, llmCostMicroUsd }) => ({
          ...{ date, interactions, byHandledBy, activeUsers, llmCostMicroUsd },
        })),
    ).toEqual([
      {
        date: '2026-03-02',
        interactions: 10,
        byHandledBy: { skill: 0, llm: 0, fallback: 10 },
        activeUsers: 10,
        llmCostMicroUsd: 0,
      },
      {
        date: '2026-03-09',
        interactions: 89,
        byHandledBy: { skill: 47, llm: 42, fallback: 0 },
        // v01..v20, g01..g04, g07, g08, c1..c3, t1, t2, f01..f10
        activeUsers: 41,
        llmCostMicroUsd: 1_050_000, // 42 x 25 000
      },
      {
        date: '2026-03-28',
        interactions: 24,
        byHandledBy: { skill: 8, llm: 16, fallback: 0 },
        // v01..v04, v06..v11, g05, t1, g07, c1..c3, f01..f03
        activeUsers: 19,
        llmCostMicroUsd: 400_000, // 16 x 25 000
      },
    ]);
    const categories = report.mix.categories.map(({ category, interactions, share, byTier }) => ({
      ...{ category, interactions, share, byTier },
    }));
    expect(report.mix.total).toBe(123);
    expect(categories).toEqual([
      // timer.start: v08..v11 8 + v12 1 + v13..v20 8 + v08..v11 4 (premium); f01..f07 7 + v04 1 (free)
      { category: 'timers', interactions: 29, share: 0.2358, byTier: { premium: 21, free: 8 } },
      // alarm.set: v08..v11 4 (premium); f01..f06 6 + f01..f03 3 (free)
      { category: 'alarms', interactions: 13, share: 0.1057, byTier: { premium: 4, free: 9 } },
      { category: 'weather', interactions: 10, share: 0.0813, byTier: { premium: 8, free: 2 } }, // v13..v20; f07, f08
      { category: 'time', interactions: 1, share: 0.0081, byTier: { free: 1 } }, // f09
      { category: 'lists', interactions: 1, share: 0.0081, byTier: { free: 1 } }, // f10
      { category: 'system', interactions: 1, share: 0.0081, byTier: { premium: 1 } }, // v12's "stop"
      { category: 'conversation', interactions: 58, share: 0.4715, byTier: { premium: 50, free: 8 } },
      { category: 'fallback', interactions: 10, share: 0.0813, byTier: { free: 10 } },
    ]);
    expect(
      report.months.map(({ month, tier, interactions, llmTurns }) => ({
        month,
        tier,
        interactions,
        llmTurns,
      })),
    ).toEqual([
      { month: '2026-02', tier: 'free', interactions: 0, llmTurns: 0 },
      { month: '2026-02', tier: 'premium', interactions: 0, llmTurns: 0 },
      // fallback 10 + timers 8 + alarms 9 + weather 2 + time 1 + lists 1 + conversation 8
      { month: '2026-03', tier: 'free', interactions: 39, llmTurns: 8 },
      // timers 21 + alarms 4 + weather 8 + system 1 + conversation 50
      { month: '2026-03', tier: 'premium', interactions: 84, llmTurns: 50 },
    ]);
    // Nowhere by name either: not among the top LLM users, the downstream users or anything else.
    expect(JSON.stringify(report)).not.toContain('qa-load');
  });
});
