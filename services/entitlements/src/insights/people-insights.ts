import {
  type CollectedRevenue,
  type CustomerClass,
  type CustomerMonth,
  customerClasses,
  dayStart,
  type InsightsResponse,
  lastDayOfMonth,
  nextMonth,
  type Plan,
  type TrialMonth,
} from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { EntitlementsServiceKeys, PeopleTurns, PeopleUse } from '../entitlements-service-keys.js';
import { compedAt, type GrantLedger } from './grant-ledger.js';
import type { InternalUserMarks } from './internal-user-marks.js';
import { type ClassUsers, marginClasses, marginRow } from './margin-section.js';
import { type PeopleCounts, peopleSection } from './people-section.js';
import type { TierPrice } from './plan-prices.js';
import type { MonthRollup } from './rollup-parse.js';

/** The part of a customers row this module counts; the trial fields come from the revenue side. */
export type PeopleMonth = Omit<CustomerMonth, Exclude<keyof TrialMonth, 'month'>>;

/** A month's customers row: the classes counted here, the trials the money sections counted. */
export function customerRows(people: readonly PeopleMonth[], trials: readonly TrialMonth[]): CustomerMonth[] {
  return people.map((row) => {
    const trial = trials.find((candidate) => candidate.month === row.month);
    return {
      ...row,
      trialsStarted: trial?.trialsStarted ?? 0,
      trialsConverted: trial?.trialsConverted ?? 0,
      trialsEnded: trial?.trialsEnded ?? 0,
      trialingAtEnd: trial?.trialingAtEnd ?? 0,
    };
  });
}

/** What Stripe collected, per month, plan and currency (revenue-ledger.ts), as margin needs it. */
export type CollectedRevenueReader = (months: readonly string[]) => Promise<CollectedRevenue[]>;

export interface PeopleInsightsOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys;
  grants: Pick<GrantLedger, 'spans'>;
  marks: Pick<InternalUserMarks, 'userIds'>;
  collectedRevenue: CollectedRevenueReader;
}

export interface PeopleRange {
  months: readonly string[];
  tiers: readonly string[];
  prices: ReadonlyMap<string, TierPrice>;
  plans: ReadonlyMap<string, Plan>;
  monthRollups: readonly MonthRollup[];
  today: string;
  now: Date;
}

export interface PeopleSections extends Pick<InsightsResponse, 'margin' | 'people'> {
  /** customers rows without the trial fields (merged from TrialMonth by the report). */
  customers: PeopleMonth[];
}

/**
 * The people side of the money report: margin per plan and month after LLM cost by customer
 * class, the "smart timer" question per person, and who the active users of each month were. Reads
 * one HyperLogLog count per month x plan x class, five counts over the months' people HyperLogLogs,
 * and the comp and internal-user hashes: the cost grows with months, plans, comps and internal
 * users, never with events or active users.
 */
export class PeopleInsights {
  constructor(private readonly options: PeopleInsightsOptions) {}

  async sections(range: PeopleRange): Promise<PeopleSections> {
    const { monthRollups, tiers, prices, today } = range;
    const [revenue, classUsers, peopleCounts, spans, internalUsers] = await Promise.all([
      this.options.collectedRevenue(range.months),
      Promise.all(monthRollups.map((rollup) => this.classUsersOf(rollup.month, tiers))),
      this.peopleCountsOf(range.months),
      this.options.grants.spans(),
      this.options.marks.userIds(),
    ]);
    // An internal user on a grant (a load-test key with premium) is internal, not a comp.
    const internal = new Set(internalUsers);
    const comps = spans.filter((span) => !internal.has(span.userId));
    const revenuePlans = revenue.filter((row) => range.months.includes(row.month)).map((row) => row.planId);
    const marginTiers = [...new Set([...tiers, ...revenuePlans])].sort();
    const margin = monthRollups.flatMap((rollup, index) => {
      const complete = lastDayOfMonth(rollup.month) < today;
      return marginTiers.map((tier) =>
        marginRow(rollup, tier, prices.get(tier), usersOfTier(classUsers[index]!, tier), revenue, complete),
      );
    });
    const customers = monthRollups.map((rollup, index): PeopleMonth => {
      // The end of a month, or now for the month in progress.
      const endMs = Math.min(dayStart(`${nextMonth(rollup.month)}-01`).getTime() - 1, range.now.getTime());
      return {
        month: rollup.month,
        activeByClass: classUsers[index]!.all,
        compedAtEnd: comps.filter((span) => compedAt(span, endMs, range.plans)).length,
        internalUsers: internal.size,
      };
    });
    return { margin, people: peopleSection(peopleCounts, monthRollups), customers };
  }

  /**
   * Distinct users over the months (a PFCOUNT of several keys counts their union): every user with
   * a turn (the fold's all-tier, all-intent HyperLogLog), and the people HyperLogLogs the
   * timer-and-alarm-only figures are worked out from (people-section.ts).
   */
  private async peopleCountsOf(months: readonly string[]): Promise<PeopleCounts> {
    const { redis, keys } = this.options;
    const count = (list: string[]) => (list.length === 0 ? Promise.resolve(0) : redis.pfcount(...list));
    const people = (turns: PeopleTurns, used: readonly PeopleUse[]) =>
      count(months.flatMap((month) => used.map((use) => keys.insightsPeople(month, turns, use))));
    const either: PeopleUse[] = ['timers-alarms', 'beyond'];
    const [activeUsers, timerAlarmOrBeyond, beyond, payingTimerAlarmOrBeyond, payingBeyond] =
      await Promise.all([
        count(months.map((month) => keys.insightsUsers(month, '*', '*'))),
        people('all', either),
        people('all', ['beyond']),
        people('paying', either),
        people('paying', ['beyond']),
      ]);
    return { activeUsers, timerAlarmOrBeyond, beyond, payingTimerAlarmOrBeyond, payingBeyond };
  }

  /** Distinct users per class in a month: per plan, and over every plan (a union, not a sum). */
  private async classUsersOf(month: string, tiers: readonly string[]) {
    const { redis, keys } = this.options;
    const count = (tierList: readonly string[], customerClass: CustomerClass) =>
      tierList.length === 0
        ? Promise.resolve(0)
        : redis.pfcount(...tierList.map((tier) => keys.insightsClassUsers(month, tier, customerClass)));
    const [all, perTier] = await Promise.all([
      Promise.all(customerClasses.map((customerClass) => count(tiers, customerClass))),
      Promise.all(
        tiers.map((tier) => Promise.all(marginClasses.map((customerClass) => count([tier], customerClass)))),
      ),
    ]);
    return {
      all: Object.fromEntries(customerClasses.map((customerClass, i) => [customerClass, all[i]!])) as Record<
        CustomerClass,
        number
      >,
      byTier: new Map(
        tiers.map((tier, t) => [
          tier,
          Object.fromEntries(
            marginClasses.map((customerClass, c) => [customerClass, perTier[t]![c]!]),
          ) as ClassUsers,
        ]),
      ),
    };
  }
}

const noUsers: ClassUsers = { paying: 0, comped: 0, trial: 0, free: 0 };
const usersOfTier = (users: { byTier: Map<string, ClassUsers> }, tier: string): ClassUsers =>
  users.byTier.get(tier) ?? noUsers;
