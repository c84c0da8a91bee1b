import { insightsQuerySchema } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { insightsCsv } from './insights-csv.js';

const report = {
  range: { from: '2026-06-01', to: '2026-06-02', days: 2, months: ['2026-06'] },
  generatedAt: '2026-06-02T10:00:00.000Z',
  aggregation: {
    eventsFolded: 3,
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
