import {
  addDays,
  daysBetween,
  INSIGHTS_DEFAULT_RANGE_DAYS,
  type InsightsQuery,
  type InsightsResponse,
  insightsCategory,
  insightsRangeProblem,
  monthsTouching,
  utcDay,
} from '@hark/contracts';
import { type Clock, HarkError, type RedisClient } from '@hark/core';
import type { BudgetGuardKeys, InteractionKeys } from '@hark/interactions';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { PlanStore } from '../plans/plan-store.js';
import { budgetGuardSection } from './budget-guard-section.js';
import { coveringPeriods } from './covering-periods.js';
import { dailyByIntent, dailyRow, mix, totals } from './day-sections.js';
import { gateSection, llmTierMonth } from './gate-and-users.js';
import type { InsightsFolder } from './insights-folder.js';
import { MoneySections } from './money-sections.js';
import { monthTierRows, monthTotal } from './month-sections.js';
import { customerRows, type PeopleInsights } from './people-insights.js';
import { priceWarnings, ratioOf, type TierPrice, tierPrices, usd } from './plan-prices.js';
import { type DayRollup, intentsIn, type MonthRollup, tiersIn } from './rollup-parse.js';
import { type FoldState, RollupReader } from './rollup-reader.js';

/** How long a request may spend folding what the background folder has not reached yet. */
const CATCH_UP_BUDGET = { maxMs: 250, maxBatches: 20 };

export interface InsightsServiceOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys & InteractionKeys & BudgetGuardKeys;
  clock: Clock;
  plans: PlanStore;
  folder: InsightsFolder;
  /** Margin by customer class, the smart-timer question per person, active users by class. */
  people: PeopleInsights;
}

/** The range asked for, with defaults (the last 30 days up to today); 400 when it is refused. */
export function resolveRange(query: Pick<InsightsQuery, 'from' | 'to'>, today: string) {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(INSIGHTS_DEFAULT_RANGE_DAYS - 1));
  const problem = insightsRangeProblem(from, to);
  if (problem) {
    throw new HarkError('VALIDATION', { summary: `querystring.to ${problem}` }, [
      { field: 'querystring.to', message: problem },
    ]);
  }
  return { from, to };
}

function planRow(price: TierPrice): InsightsResponse['plans'][number] {
  const monthlyPriceUsd = price.monthlyPriceMicroUsd === null ? null : usd(price.monthlyPriceMicroUsd);
  return {
    id: price.tier,
    name: price.name,
    priced: price.priced,
    monthlyPriceUsd,
    currency: price.currency,
  };
}

interface RangeContext {
  from: string;
  to: string;
  today: string;
  days: string[];
  months: string[];
  covering: string[];
  tiers: string[];
  prices: Map<string, TierPrice>;
  dayRollups: DayRollup[];
  monthRollups: MonthRollup[];
}

/**
 * GET /admin/insights: catches the fold up (bounded), then reads rollups only, at a cost that
 * grows with days x tiers x intents in the range, never with the number of events.
 */
export class InsightsService {
  private readonly reader: RollupReader;
  private readonly money: MoneySections;

  constructor(private readonly options: InsightsServiceOptions) {
    this.reader = new RollupReader(options.redis, options.keys);
    this.money = new MoneySections(options.redis, options.keys);
  }

  async report(query: InsightsQuery): Promise<InsightsResponse> {
    const now = this.options.clock.now();
    const today = utcDay(now);
    const { from, to } = resolveRange(query, today);
    await this.options.folder.catchUp(CATCH_UP_BUDGET);
    const days = daysBetween(from, to);
    const months = monthsTouching(from, to);
    const [state, plans, dayRollups, monthRollups] = await Promise.all([
      this.reader.state(),
      this.options.plans.all(),
      this.reader.days(days),
      this.reader.months(months),
    ]);
    const tiers = [...new Set([...plans.keys(), ...tiersIn(dayRollups, monthRollups)])].sort();
    const prices = tierPrices(plans, tiers);
    const context: RangeContext = {
      ...{ from, to, today, days, months, tiers, prices, dayRollups, monthRollups },
      covering: coveringPeriods(from, to),
    };
    const [
      dayUsers,
      rangeUsers,
      monthSections,
      llmUsers,
      gateCounts,
      downstream,
      aggregation,
      people,
      money,
      trials,
      budgetGuard,
    ] = await Promise.all([
      Promise.all(days.map((day) => this.usersOf([day], tiers))),
      this.usersOf(context.covering, tiers),
      this.monthSections(context),
      this.llmUsers(context, query.top),
      this.reader.gateDays(days),
      this.downstream(context),
      this.aggregation(state, now),
      this.options.people.sections({ months, tiers, prices, plans, monthRollups, today, now }),
      this.money.report({ days, months, today, now }),
      this.money.trials(months),
      budgetGuardSection(this.options.redis, this.options.keys, months, plans),
    ]);
    const daily = dayRollups.map((rollup, index) => dailyRow(rollup, dayUsers[index]!));
    const rangeTotals = totals(daily, dayRollups, rangeUsers);
    return {
      range: { from, to, days: days.length, months },
      generatedAt: now.toISOString(),
      aggregation,
      plans: [...plans.keys()].map((id) => planRow(prices.get(id)!)),
      tiers,
      totals: rangeTotals,
      daily,
      dailyByIntent: dailyByIntent(dayRollups),
      mix: mix(dayRollups),
      ...monthSections,
      llmUsers,
      gate: gateSection(days, gateCounts, rangeTotals.upsells, today),
      downstream,
      ...money,
      customers: customerRows(people.customers, trials),
      margin: people.margin,
      people: people.people,
      budgetGuard,
      warnings: priceWarnings(plans, prices),
    };
  }

  /** Distinct users over the periods: all tiers together, and per tier. */
  private async usersOf(periods: readonly string[], tiers: readonly string[]) {
    const [all, ...perTier] = await Promise.all([
      this.reader.distinct(periods, ['*'], '*'),
      ...tiers.map((tier) => this.reader.distinct(periods, [tier], '*')),
    ]);
    return {
      all: all ?? 0,
      byTier: Object.fromEntries(tiers.map((tier, index) => [tier, perTier[index] ?? 0])),
    };
  }

  private async monthSections(context: RangeContext) {
    const { monthRollups, prices, tiers, today } = context;
    const users = await Promise.all(monthRollups.map((rollup) => this.usersOf([rollup.month], tiers)));
    const rows = monthRollups.map((rollup, index) => monthTierRows(rollup, users[index]!, prices, today));
    return {
      months: rows.flat(),
      monthTotals: rows.map((monthRows, index) =>
        monthTotal(monthRows, users[index]!, prices, monthRollups[index]!.month, today),
      ),
    };
  }

  private async llmUsers(context: RangeContext, top: number): Promise<InsightsResponse['llmUsers']> {
    const rows = context.monthRollups.flatMap((rollup) =>
      [...context.prices.values()].map(async (price) => {
        const above = price.priced ? price.monthlyPriceMicroUsd : null;
        const users = await this.reader.llmUsers(rollup.month, price.tier, above, top);
        const tierCost = rollup.tiers.get(price.tier)?.costMicroUsd ?? 0;
        return users.usersWithLlm === 0 ? null : llmTierMonth(rollup.month, price, users, tierCost);
      }),
    );
    return (await Promise.all(rows)).filter((row) => row !== null);
  }

  /** Per intent: its users in range, the paying ones, and the monthly revenue they stand for. */
  private async downstream(context: RangeContext): Promise<InsightsResponse['downstream']> {
    const { covering, tiers, prices } = context;
    const priced = tiers.filter((tier) => prices.get(tier)?.priced);
    const allPaying = await this.reader.distinct(covering, priced, '*');
    const rows = [...intentsIn(context.dayRollups).keys()].map(async (intent) => {
      const [users, ...payingPerTier] = await Promise.all([
        this.reader.distinct(covering, tiers, intent),
        ...priced.map((tier) => this.reader.distinct(covering, [tier], intent)),
      ]);
      const revenueMicroUsd = priced.reduce(
        (sum, tier, index) =>
          sum + (payingPerTier[index] ?? 0) * (prices.get(tier)?.monthlyPriceMicroUsd ?? 0),
        0,
      );
      const payingUsers = payingPerTier.reduce((sum, n) => sum + n, 0);
      return {
        intent,
        category: insightsCategory(intent),
        users,
        payingUsers,
        monthlyRevenueUsd: usd(revenueMicroUsd),
        shareOfPayingUsers: ratioOf(payingUsers, allPaying),
      };
    });
    return (await Promise.all(rows)).sort((a, b) => b.users - a.users || a.intent.localeCompare(b.intent));
  }

  private async aggregation(state: FoldState, now: Date): Promise<InsightsResponse['aggregation']> {
    const pending = await this.reader.pending(state.cursor);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      eventsFolded: state.eventsFolded,
      internalEventsSkipped: state.internalSkipped,
      lastFoldedEventId: state.cursor,
      lastFoldedEventAt: iso(state.lastEventAtMs),
      lastFoldAt: iso(state.foldedAtMs),
      pendingEvents: pending.events,
      pendingEventsCapped: pending.capped,
      lagMs: pending.oldestMs === null ? 0 : Math.max(0, now.getTime() - pending.oldestMs),
      caughtUp: pending.events === 0,
    };
  }
}
