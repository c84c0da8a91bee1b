import {
  type InsightsCategory,
  type InsightsResponse,
  insightsCategories,
  insightsCategory,
  insightsCategoryKind,
} from '@hark/contracts';
import { ratioOf, usd } from './plan-prices.js';
import type { DayRollup, LlmCounters } from './rollup-parse.js';

type Daily = InsightsResponse['daily'][number];
type HandledBy = Daily['byHandledBy'];

/** Distinct users of one day: all tiers, and per tier. */
export interface DayUsers {
  all: number;
  byTier: Record<string, number>;
}

const handledByOf = (intent: string): keyof HandledBy =>
  intent === 'llm' ? 'llm' : intent === 'fallback' ? 'fallback' : 'skill';

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

function llmTotals(counters: Iterable<LlmCounters>) {
  let promptTokens = 0;
  let completionTokens = 0;
  let costMicroUsd = 0;
  for (const llm of counters) {
    promptTokens += llm.promptTokens;
    completionTokens += llm.completionTokens;
    costMicroUsd += llm.costMicroUsd;
  }
  return {
    llmPromptTokens: promptTokens,
    llmCompletionTokens: completionTokens,
    llmTokens: promptTokens + completionTokens,
    llmCostMicroUsd: costMicroUsd,
    llmCostUsd: usd(costMicroUsd),
  };
}

export function dailyRow(rollup: DayRollup, users: DayUsers): Daily {
  const byHandledBy: HandledBy = { skill: 0, llm: 0, fallback: 0 };
  const byTier: Record<string, number> = {};
  for (const [tier, intents] of rollup.interactions) {
    byTier[tier] = sum(intents.values());
    for (const [intent, n] of intents) byHandledBy[handledByOf(intent)] += n;
  }
  const cost = llmTotals(rollup.llm.values()).llmCostMicroUsd;
  return {
    date: rollup.day,
    interactions: byHandledBy.skill + byHandledBy.llm + byHandledBy.fallback,
    byHandledBy,
    byTier,
    activeUsers: users.all,
    activeUsersByTier: users.byTier,
    upsells: sum(rollup.upsells.values()),
    llmCostMicroUsd: cost,
    llmCostUsd: usd(cost),
  };
}

export function dailyByIntent(rollups: readonly DayRollup[]): InsightsResponse['dailyByIntent'] {
  return rollups.flatMap((rollup) =>
    [...rollup.interactions].flatMap(([tier, intents]) =>
      [...intents]
        .filter(([, n]) => n > 0)
        .map(([intent, interactions]) => ({ date: rollup.day, tier, intent, interactions })),
    ),
  );
}

/** Interactions in range by category (timers, weather, conversation, fallback, …) and tier. */
export function mix(rollups: readonly DayRollup[]): InsightsResponse['mix'] {
  const byCategory = new Map<InsightsCategory, Record<string, number>>();
  for (const rollup of rollups) {
    for (const [tier, intents] of rollup.interactions) {
      for (const [intent, n] of intents) {
        const tiers = byCategory.get(insightsCategory(intent)) ?? {};
        tiers[tier] = (tiers[tier] ?? 0) + n;
        byCategory.set(insightsCategory(intent), tiers);
      }
    }
  }
  const total = sum([...byCategory.values()].map((tiers) => sum(Object.values(tiers))));
  const categories = insightsCategories
    .filter((category) => byCategory.has(category))
    .map((category) => {
      const byTier = byCategory.get(category)!;
      const interactions = sum(Object.values(byTier));
      return {
        category,
        kind: insightsCategoryKind(category),
        interactions,
        share: ratioOf(interactions, total) ?? 0,
        byTier,
      };
    });
  const shareOfKind = (kind: string) =>
    ratioOf(sum(categories.filter((c) => c.kind === kind).map((c) => c.interactions)), total) ?? 0;
  return {
    total,
    categories,
    utilityShare: shareOfKind('utility'),
    conversationShare: shareOfKind('conversation'),
    fallbackShare: shareOfKind('fallback'),
  };
}

export function totals(
  daily: readonly Daily[],
  rollups: readonly DayRollup[],
  users: DayUsers,
): InsightsResponse['totals'] {
  const byHandledBy: HandledBy = { skill: 0, llm: 0, fallback: 0 };
  for (const day of daily) {
    byHandledBy.skill += day.byHandledBy.skill;
    byHandledBy.llm += day.byHandledBy.llm;
    byHandledBy.fallback += day.byHandledBy.fallback;
  }
  return {
    interactions: sum(daily.map((day) => day.interactions)),
    byHandledBy,
    activeUsers: users.all,
    activeUsersByTier: users.byTier,
    upsells: sum(daily.map((day) => day.upsells)),
    ...llmTotals(rollups.flatMap((rollup) => [...rollup.llm.values()])),
  };
}

export { llmTotals };
