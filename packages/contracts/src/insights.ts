import { z } from 'zod';
import { userIdSchema } from './admin.js';
import { insightsMoneySchema } from './insights-money.js';
import { dayStart, daysInRange, utcDay } from './utc-dates.js';

/**
 * Operator insights (services/entitlements, /admin/insights): is Hark used for more than a smart
 * timer, and does each priced plan earn more than its LLM bill? Computed from rollups of the
 * interaction stream (packages/interactions/src/interactions.ts), never from the raw stream.
 *
 * Money: `*Usd` fields are US dollars rounded to cents; `*MicroUsd` fields are exact integers
 * (1 USD = 1 000 000), used where LLM costs are fractions of a cent.
 */

export const INSIGHTS_DEFAULT_RANGE_DAYS = 30;
export const INSIGHTS_MAX_RANGE_DAYS = 366;

/** A real calendar day "YYYY-MM-DD" (2026-02-30 is refused). */
const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD')
  .refine((day) => {
    const start = dayStart(day);
    return Number.isFinite(start.getTime()) && utcDay(start) === day;
  }, 'not a calendar day');
const isoMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a UTC month, YYYY-MM');

/** Why a range is refused, or null; shared by the query schema and the route's defaults. */
export function insightsRangeProblem(from: string, to: string): string | null {
  const days = daysInRange(from, to);
  if (days < 1) return 'to must not be before from';
  if (days > INSIGHTS_MAX_RANGE_DAYS) return `the range is ${days} days; at most ${INSIGHTS_MAX_RANGE_DAYS}`;
  return null;
}

const rangeQueryShape = {
  from: isoDaySchema.optional().describe('First UTC day, inclusive (default: 29 days before `to`)'),
  to: isoDaySchema.optional().describe('Last UTC day, inclusive (default: today)'),
};
function refineRange(query: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (!query.from || !query.to) return;
  const problem = insightsRangeProblem(query.from, query.to);
  if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
}

/** GET /admin/insights and /admin/insights.csv */
export const insightsQuerySchema = z
  .object({
    ...rangeQueryShape,
    top: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('Users listed per tier and month in `llmUsers` (highest LLM cost first)'),
  })
  .superRefine(refineRange);
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

/** What an interaction counts as: the utility skills, the LLM conversation, or the fallback. */
export const insightsCategories = [
  'timers',
  'alarms',
  'reminders',
  'weather',
  'time',
  'lists',
  'units',
  'system',
  'other-skill',
  'conversation',
  'fallback',
] as const;
export type InsightsCategory = (typeof insightsCategories)[number];

const categoryByIntentPrefix: Record<string, InsightsCategory> = {
  timer: 'timers',
  alarm: 'alarms',
  reminder: 'reminders',
  weather: 'weather',
  time: 'time',
  date: 'time',
  list: 'lists',
  units: 'units',
  system: 'system',
};

/** `intent` as insights use it: a skill intent name ("timer.start"), or "llm", or "fallback". */
export function insightsCategory(intent: string): InsightsCategory {
  if (intent === 'llm') return 'conversation';
  if (intent === 'fallback') return 'fallback';
  return categoryByIntentPrefix[intent.split('.')[0] ?? ''] ?? 'other-skill';
}

export function insightsCategoryKind(category: InsightsCategory): 'utility' | 'conversation' | 'fallback' {
  if (category === 'conversation' || category === 'fallback') return category;
  return 'utility';
}

const count = z.number().int().nonnegative();
const usd = z.number().describe('US dollars, rounded to cents');
const microUsd = z.number().int().describe('Micro-USD (1 USD = 1 000 000), exact');
const ratio = z.number().describe('0..1 (a share), or a ratio; null when the denominator is 0');
const byTier = z.record(z.string(), count).describe('Plan id -> count');
const byHandledBy = z.object({ skill: count, llm: count, fallback: count });

export const insightsAggregationSchema = z
  .object({
    eventsFolded: count.describe('Interaction events folded into the rollups, ever'),
    internalEventsSkipped: count.describe(
      'Of them, events of users marked internal or test: left out of every figure but customers.activeByClass',
    ),
    lastFoldedEventId: z.string().nullable().describe('Stream id of the newest folded event'),
    lastFoldedEventAt: z.string().nullable(),
    lastFoldAt: z.string().nullable().describe('When a folder last committed'),
    pendingEvents: count.describe('Events in the stream not folded yet, counted up to 1 000'),
    pendingEventsCapped: z
      .boolean()
      .describe('pendingEvents stopped counting at its cap: at least that many'),
    lagMs: z
      .number()
      .int()
      .nonnegative()
      .describe('Age of the oldest event not folded yet; 0 when caught up'),
    caughtUp: z.boolean(),
  })
  .meta({ id: 'InsightsAggregation' });

export const insightsPlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  priced: z.boolean(),
  monthlyPriceUsd: usd
    .nullable()
    .describe('The current price per month (a yearly price / 12); null when free'),
  currency: z.string().nullable(),
});

const llmTotals = {
  llmPromptTokens: count,
  llmCompletionTokens: count,
  llmTokens: count,
  llmCostMicroUsd: microUsd,
  llmCostUsd: usd,
};

export const insightsDaySchema = z.object({
  date: z.string(),
  interactions: count,
  byHandledBy,
  byTier,
  activeUsers: count.describe('Distinct users that day (HyperLogLog estimate, ~1% error)'),
  activeUsersByTier: byTier,
  upsells: count.describe('Turns that were shown an upsell (hit the premium gate)'),
  llmCostMicroUsd: microUsd,
  llmCostUsd: usd,
});

export const insightsIntentDaySchema = z.object({
  date: z.string(),
  tier: z.string().describe('Plan id in force at the turn'),
  intent: z.string().describe('Skill intent name, or "llm", or "fallback"'),
  interactions: count,
});

export const insightsMixSchema = z.object({
  total: count,
  categories: z.array(
    z.object({
      category: z.enum(insightsCategories),
      kind: z.enum(['utility', 'conversation', 'fallback']),
      interactions: count,
      share: z.number().describe('0..1 of all interactions in range'),
      byTier,
    }),
  ),
  utilityShare: z.number().describe('Timers, alarms, reminders, weather, time, lists, units, system'),
  conversationShare: z.number().describe('Answered by the LLM'),
  fallbackShare: z.number().describe('Not understood, nothing answered it (with or without an upsell)'),
});

export const insightsMonthTierSchema = z.object({
  month: z.string(),
  complete: z.boolean().describe('The month has ended; otherwise figures are month to date'),
  tier: z.string(),
  priced: z.boolean(),
  monthlyPriceUsd: usd.nullable(),
  activeUsers: count.describe('Distinct users of this tier in the month (estimate)'),
  payingUsers: count.describe('activeUsers of a priced plan; 0 for an unpriced one'),
  listPriceEstimateUsd: usd.describe(
    'A list-price estimate, not money collected: payingUsers x the current monthlyPriceUsd (counts comps, misses payers who never spoke); collected revenue is `revenue`',
  ),
  interactions: count,
  llmTurns: count,
  ...llmTotals,
  listPriceMarginUsd: usd.describe(
    'listPriceEstimateUsd - llmCostUsd: an estimate, not a margin on money collected',
  ),
  listPriceMarginRatio: ratio
    .nullable()
    .describe('listPriceMarginUsd / listPriceEstimateUsd; null without an estimate'),
});

export const insightsMonthTotalSchema = insightsMonthTierSchema
  .omit({ tier: true, priced: true, monthlyPriceUsd: true })
  .describe('All tiers of one month; activeUsers is distinct across tiers');

export const llmUsageTotalsSchema = z.object({
  turns: count,
  promptTokens: count,
  completionTokens: count,
  tokens: count,
  costMicroUsd: microUsd,
  costUsd: usd,
});
export type LlmUsageTotals = z.infer<typeof llmUsageTotalsSchema>;

export const insightsLlmUserSchema = z.object({
  userId: z.string(),
  ...llmUsageTotalsSchema.shape,
  marginUsd: usd.describe('monthlyPriceUsd (0 when free) - costUsd'),
  costShareOfPrice: ratio.nullable().describe('costUsd / monthlyPriceUsd; null when unpriced'),
});

export const insightsLlmTierMonthSchema = z.object({
  month: z.string(),
  tier: z.string(),
  monthlyPriceUsd: usd.nullable(),
  usersWithLlm: count.describe('Users of this tier with at least one LLM turn in the month'),
  avgCostMicroUsd: microUsd,
  avgCostUsd: usd,
  usersCostingMoreThanPrice: count.describe('Users whose LLM cost passed the plan price (0 when unpriced)'),
  top: z.array(insightsLlmUserSchema).describe('Highest LLM cost first'),
});

export const insightsGateDaySchema = z.object({
  date: z.string(),
  usersHitGate: count,
  upgradedWithin7Days: count,
  upgradedWithin30Days: count,
  firstUpgrades: count,
});

export const insightsGateSchema = z.object({
  usersHitGate: count.describe('Users whose first upsell (gate hit) ever was in range'),
  upgradedWithin7Days: count.describe('Of them, moved onto a priced plan within 7 days of that first hit'),
  upgradedWithin30Days: count,
  conversionRate7Days: ratio.nullable(),
  conversionRate30Days: ratio.nullable(),
  windowOpen7Days: count.describe('Hit the gate less than 7 days before generatedAt: may still convert'),
  windowOpen30Days: count,
  upsellTurns: count.describe('Turns shown an upsell in range (a user may hit the gate many times)'),
  firstUpgrades: count.describe('Users who first moved onto a priced plan in range, gate or not'),
  daily: z.array(insightsGateDaySchema),
});

export const insightsDownstreamSchema = z.object({
  intent: z.string(),
  category: z.enum(insightsCategories),
  users: count.describe('Distinct users of the intent in range (estimate)'),
  payingUsers: count.describe('Of them, on a priced plan when they used it'),
  monthlyRevenueUsd: usd.describe('payingUsers x their plan monthly price'),
  shareOfPayingUsers: ratio.nullable().describe('payingUsers / all paying users active in range'),
});

/** GET /admin/insights */
export const insightsResponseSchema = z
  .object({
    range: z.object({
      from: z.string(),
      to: z.string(),
      days: count,
      months: z
        .array(z.string())
        .describe('Calendar months the range touches; `months` rows cover them whole'),
    }),
    generatedAt: z.string(),
    aggregation: insightsAggregationSchema,
    plans: z.array(insightsPlanSchema).describe('Current plans; revenue uses their current price'),
    tiers: z.array(z.string()).describe('Plan ids seen in range, and every current plan'),
    totals: z.object({
      interactions: count,
      byHandledBy,
      activeUsers: count,
      activeUsersByTier: byTier,
      upsells: count,
      ...llmTotals,
    }),
    daily: z.array(insightsDaySchema).describe('Every day of the range, oldest first'),
    dailyByIntent: z.array(insightsIntentDaySchema).describe('Non-zero (day, tier, intent) cells'),
    mix: insightsMixSchema,
    months: z.array(insightsMonthTierSchema),
    monthTotals: z.array(insightsMonthTotalSchema),
    llmUsers: z.array(insightsLlmTierMonthSchema),
    gate: insightsGateSchema,
    downstream: z.array(insightsDownstreamSchema).describe('Most users first'),
    revenue: insightsMoneySchema.revenue,
    mrr: insightsMoneySchema.mrr,
    funnel: insightsMoneySchema.funnel,
    customers: insightsMoneySchema.customers,
    margin: insightsMoneySchema.margin,
    people: insightsMoneySchema.people,
    budgetGuard: insightsMoneySchema.budgetGuard.describe(
      'The margin guard per month and current plan: users who stepped down to a cheaper model, and who were paused at the budget',
    ),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Insights' });
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;

/**
 * GET /admin/insights.csv: one long table, header `section,period,tier,dimension,metric,value`,
 * which a spreadsheet pivots directly. `period` is a day, a month or "from..to"; `tier` is a
 * plan id or "*" (all); `dimension` is an intent, category or user id, or empty.
 */
export const insightsCsvColumns = ['section', 'period', 'tier', 'dimension', 'metric', 'value'] as const;
export const insightsCsvSchema = z.string().describe(`text/csv: ${insightsCsvColumns.join(',')}`);

/** GET /admin/users/:id/usage */
export const userUsageParamsSchema = z.object({ id: userIdSchema });
export const userUsageQuerySchema = z.object({
  month: isoMonthSchema.optional().describe('UTC month (default: this month)'),
});

export const userUsageResponseSchema = z
  .object({
    userId: z.string(),
    month: z.string(),
    generatedAt: z.string(),
    plan: z.object({
      id: z.string(),
      name: z.string(),
      source: z.enum(['default', 'grant', 'stripe']),
      priced: z.boolean(),
      monthlyPriceUsd: usd.nullable(),
      currency: z.string().nullable(),
      interval: z.enum(['month', 'year']).nullable(),
    }),
    today: llmUsageTotalsSchema.extend({ date: z.string() }),
    days: z
      .array(llmUsageTotalsSchema.extend({ date: z.string() }))
      .describe('Each day of the month up to today (day counters are kept 90 days)'),
    total: llmUsageTotalsSchema.describe('The whole month (month counters are kept 400 days)'),
    marginUsd: usd.describe('monthlyPriceUsd (0 when unpriced) - total.costUsd'),
    costShareOfPrice: ratio.nullable().describe('total.costUsd / monthlyPriceUsd; null when unpriced'),
    budget: z
      .object({
        budgetMicroUsd: z.number().int().describe("The plan's conversation.llm_budget_micro_usd now"),
        spentMicroUsd: z
          .number()
          .int()
          .describe('What the margin guard settled this month (ledger kept 40 days)'),
        step: z
          .enum(['normal', 'step-down', 'paused'])
          .describe('The furthest step the guard took this month: a cheaper model, or no conversation'),
        steppedDownAt: z.string().nullable(),
        pausedAt: z.string().nullable(),
      })
      .describe('The margin guard for this user and month (docs/OPERATIONS.md "Premium cost knobs")'),
  })
  .meta({ id: 'UserUsage' });
export type UserUsageResponse = z.infer<typeof userUsageResponseSchema>;
