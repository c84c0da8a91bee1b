/** The counter hashes written by rollup-batch.ts, read back into numbers per tier. */

export interface LlmCounters {
  promptTokens: number;
  completionTokens: number;
  costMicroUsd: number;
}

export interface DayRollup {
  day: string;
  /** tier -> intent -> interactions */
  interactions: Map<string, Map<string, number>>;
  upsells: Map<string, number>;
  llm: Map<string, LlmCounters>;
}

export interface MonthTierCounters extends LlmCounters {
  interactions: number;
  llmTurns: number;
}

export interface MonthRollup {
  month: string;
  tiers: Map<string, MonthTierCounters>;
  /** tier -> customer class -> LLM cost (micro-USD) of the users of that class. */
  classCost: Map<string, Map<string, number>>;
  /** Tool name -> calls the LLM made to it. */
  toolCalls: Map<string, number>;
}

const emptyLlm = (): LlmCounters => ({ promptTokens: 0, completionTokens: 0, costMicroUsd: 0 });
const emptyMonthTier = (): MonthTierCounters => ({ ...emptyLlm(), interactions: 0, llmTurns: 0 });
const llmMetrics = new Set(['promptTokens', 'completionTokens', 'costMicroUsd']);

function entryOf<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

export function parseDayRollup(day: string, fields: Record<string, string>): DayRollup {
  const rollup: DayRollup = { day, interactions: new Map(), upsells: new Map(), llm: new Map() };
  for (const [field, raw] of Object.entries(fields)) {
    const [metric, tier, intent] = field.split('|');
    const value = Number(raw);
    if (!tier || !Number.isFinite(value)) continue;
    if (metric === 'n' && intent) {
      const intents = entryOf(rollup.interactions, tier, () => new Map<string, number>());
      intents.set(intent, value);
    } else if (metric === 'upsell') rollup.upsells.set(tier, value);
    else if (metric && llmMetrics.has(metric)) {
      entryOf(rollup.llm, tier, emptyLlm)[metric as keyof LlmCounters] = value;
    }
  }
  return rollup;
}

export function parseMonthRollup(month: string, fields: Record<string, string>): MonthRollup {
  const tiers = new Map<string, MonthTierCounters>();
  const classCost = new Map<string, Map<string, number>>();
  const toolCalls = new Map<string, number>();
  for (const [field, raw] of Object.entries(fields)) {
    const [metric, tier, customerClass] = field.split('|');
    const value = Number(raw);
    if (!tier || !metric || !Number.isFinite(value)) continue;
    if (metric === 'tool') {
      toolCalls.set(tier, value);
      continue;
    }
    if (metric === 'classCost') {
      if (customerClass) entryOf(classCost, tier, () => new Map<string, number>()).set(customerClass, value);
      continue;
    }
    const counters = entryOf(tiers, tier, emptyMonthTier);
    if (metric === 'n') counters.interactions = value;
    else if (metric === 'llmTurns') counters.llmTurns = value;
    else if (llmMetrics.has(metric)) counters[metric as keyof LlmCounters] = value;
  }
  return { month, tiers, classCost, toolCalls };
}

/** Tiers any of the rollups mention. */
export function tiersIn(days: readonly DayRollup[], months: readonly MonthRollup[]): Set<string> {
  const tiers = new Set<string>();
  for (const day of days) for (const tier of day.interactions.keys()) tiers.add(tier);
  for (const month of months) {
    for (const tier of month.tiers.keys()) tiers.add(tier);
    for (const tier of month.classCost.keys()) tiers.add(tier);
  }
  return tiers;
}

/** Intents used in the days, with their interactions summed over tiers. */
export function intentsIn(days: readonly DayRollup[]): Map<string, number> {
  const intents = new Map<string, number>();
  for (const day of days) {
    for (const perIntent of day.interactions.values()) {
      for (const [intent, n] of perIntent) intents.set(intent, (intents.get(intent) ?? 0) + n);
    }
  }
  return intents;
}
