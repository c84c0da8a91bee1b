import { insightsQuerySchema } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { insightsCsv } from './insights-csv.js';

const report = {
  range: { from: '2026-06-01', to: '2026-06-02', days: 2, months: ['2026-06'] },
  generatedAt: '2026-06-02T10:00:00.000Z',
  aggregation: {
    eventsFolded: 3,
    internalEventsSkipped: 1,
    lastFoldedEventId: '1-0',
    lastFoldedEventAt: null,
    lastFoldAt: null,
    pendingEvents: 0,
    pendingEventsCapped: false,
    lagMs: 0,
    caughtUp: true,
  },
  plans: [],
  tiers: ['free'],
  totals: {
    interactions: 3,
    byHandledBy: { skill: 3, llm: 0, fallback: 0 },
    activeUsers: 1,
    activeUsersByTier: { free: 1 },
    upsells: 0,
    llmPromptTokens: 0,
    llmCompletionTokens: 0,
    llmTokens: 0,
    llmCostMicroUsd: 0,
    llmCostUsd: 0,
  },
  daily: [],
  dailyByIntent: [],
  mix: { total: 3, categories: [], utilityShare: 1, conversationShare: 0, fallbackShare: 0 },
  months: [],
  monthTotals: [],
  llmUsers: [
    {
      month: '2026-06',
      tier: 'free',
      monthlyPriceUsd: null,
      usersWithLlm: 1,
      avgCostMicroUsd: 10,
      avgCostUsd: 0,
      usersCostingMoreThanPrice: 0,
      top: [
        {
          userId: '-cmd',
          turns: 1,
          promptTokens: 1,
          completionTokens: 1,
          tokens: 2,
          costMicroUsd: 10,
          costUsd: 0,
          marginUsd: -0.5,
          costShareOfPrice: null,
        },
      ],
    },
  ],
  gate: {
    usersHitGate: 0,
    upgradedWithin7Days: 0,
    upgradedWithin30Days: 0,
    conversionRate7Days: null,
    conversionRate30Days: null,
    windowOpen7Days: 0,
    windowOpen30Days: 0,
    upsellTurns: 0,
    firstUpgrades: 0,
    daily: [],
  },
  downstream: [],
  revenue: [],
  mrr: [],
  customers: [
    {
      month: '2026-06',
      activeByClass: { paying: 2, trial: 0, comped: 1, free: 1, internal: 1 },
      trialsStarted: 0,
      trialsConverted: 0,
      trialsEnded: 0,
      trialingAtEnd: 0,
      compedAtEnd: 1,
      internalUsers: 1,
    },
  ],
  funnel: {
    gateShown: 0,
    checkoutStarted: 0,
    checkoutCompleted: 0,
    checkoutAbandoned: 0,
    paidWithin7Days: 0,
    paidWithin30Days: 0,
    windowOpen7Days: 0,
    windowOpen30Days: 0,
    conversionRate7Days: null,
    conversionRate30Days: null,
    grantedAfterGate: 0,
    checkouts: { started: 0, completed: 0, expired: 0, open: 0 },
  },
  margin: [
    {
      month: '2026-06',
      planId: 'premium',
      complete: false,
      planPriceUsd: 5,
      collectedUsd: 10,
      otherCurrencies: ['eur'],
      payingUsers: 2,
      payingLlmCostMicroUsd: 1_000_000,
      compedUsers: 1,
      compedLlmCostMicroUsd: 2_000_000,
      trialUsers: 0,
      trialLlmCostMicroUsd: 0,
      freeUsers: 0,
      freeLlmCostMicroUsd: 0,
      llmCostMicroUsd: 3_000_000,
      grossMarginUsd: 7,
      marginRatio: 0.7,
      llmCostPerPayingUserUsd: 0.5,
      llmCostPerCompedUserUsd: 2,
      llmCostPerFreeUserUsd: null,
    },
  ],
  people: {
    activeUsers: 4,
    timerAlarmOnlyUsers: 1,
    timerAlarmOnlyShare: 0.25,
    timerAlarmOnlyPaying: 0,
    llmToolCalls: 3,
    llmToolCallsToFreeSkills: 2,
    llmToolCallsByTool: [
      { tool: 'timer_start', calls: 2 },
      { tool: 'web_search', calls: 1 },
    ],
  },
  budgetGuard: [],
  warnings: ['Plan "x" is priced in EUR, "really"'],
};

describe('insights CSV', () => {
  const lines = insightsCsv(report).trimEnd().split('\r\n');

  it('writes one row per figure, booleans as 1/0 and nulls empty', () => {
    expect(lines[0]).toBe('section,period,tier,dimension,metric,value');
    expect(lines).toContain('aggregation,2026-06-02T10:00:00.000Z,*,,caughtUp,1');
    expect(lines).toContain('gate,2026-06-01..2026-06-02,*,,conversionRate7Days,');
    expect(lines).toContain('totals,2026-06-01..2026-06-02,free,,activeUsers,1');
  });

  it('writes the margin per plan and month and the people figures over the range', () => {
    expect(lines).toContain('margin,2026-06,premium,,grossMarginUsd,7');
    expect(lines).toContain('customers,2026-06,*,comped,activeUsers,1');
    expect(lines).toContain('customers,2026-06,*,,compedAtEnd,1');
    expect(lines).toContain('margin,2026-06,premium,,llmCostPerFreeUserUsd,');
    expect(lines).toContain('margin,2026-06,premium,eur,otherCurrency,1');
    expect(lines).toContain('people,2026-06-01..2026-06-02,*,,timerAlarmOnlyShare,0.25');
    expect(lines).toContain('people,2026-06-01..2026-06-02,*,timer_start,llmToolCalls,2');
    expect(lines).toContain('aggregation,2026-06-02T10:00:00.000Z,*,,internalEventsSkipped,1');
  });

  it('defuses text a spreadsheet would run as a formula, keeps negative numbers, and quotes commas', () => {
    expect(lines).toContain("llm_user,2026-06,free,'-cmd,marginUsd,-0.5");
    expect(lines).toContain(
      'warning,2026-06-01..2026-06-02,*,"Plan ""x"" is priced in EUR, ""really""",warning,1',
    );
  });
});

describe('insights query', () => {
  it('takes UTC days in order, at most 366 of them', () => {
    expect(insightsQuerySchema.safeParse({ from: '2025-06-15', to: '2026-06-15' }).success).toBe(true);
    expect(insightsQuerySchema.safeParse({ from: '2025-06-14', to: '2026-06-15' }).success).toBe(false);
    expect(insightsQuerySchema.safeParse({ from: '2026-06-15', to: '2026-06-14' }).success).toBe(false);
    expect(insightsQuerySchema.safeParse({ from: '2026-02-29' }).success).toBe(false);
    expect(insightsQuerySchema.parse({}).top).toBe(10);
  });
});
