import type { RedisClient } from '@hark/core';
import type { InteractionKeys } from '@hark/interactions';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import { type DayRollup, type MonthRollup, parseDayRollup, parseMonthRollup } from './rollup-parse.js';

/** Unfolded events are counted up to this many; past it the answer says "at least". */
export const PENDING_COUNT_CAP = 1_000;

export interface FoldState {
  cursor: string | null;
  eventsFolded: number;
  internalSkipped: number;
  lastEventAtMs: number | null;
  foldedAtMs: number | null;
}

export interface Pending {
  events: number;
  capped: boolean;
  oldestMs: number | null;
}

export interface UserLlmMonth {
  usersWithLlm: number;
  usersAbove: number;
  top: {
    userId: string;
    costMicroUsd: number;
    turns: number;
    promptTokens: number;
    completionTokens: number;
  }[];
}

const numberOrNull = (value: string | undefined): number | null =>
  value === undefined || value === '' ? null : Number(value);

/**
 * Reads the insights rollups (never the raw stream, except to measure how far behind the fold
 * is). Commands are issued together, so ioredis pipelines them on the connection.
 */
export class RollupReader {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: EntitlementsServiceKeys & InteractionKeys,
  ) {}

  async state(): Promise<FoldState> {
    const state = await this.redis.hgetall(this.keys.insightsState());
    return {
      cursor: state.cursor || null,
      eventsFolded: Number(state.eventsFolded ?? 0),
      internalSkipped: Number(state.internalSkipped ?? 0),
      lastEventAtMs: numberOrNull(state.lastEventAtMs),
      foldedAtMs: numberOrNull(state.foldedAtMs),
    };
  }

  /** Stream entries after the cursor, counted up to the cap, and how old the oldest one is. */
  async pending(cursor: string | null): Promise<Pending> {
    const entries = await this.redis.xrange(
      this.keys.interactions(),
      cursor ? `(${cursor}` : '-',
      '+',
      'COUNT',
      PENDING_COUNT_CAP + 1,
    );
    const first = entries[0];
    return {
      events: Math.min(entries.length, PENDING_COUNT_CAP),
      capped: entries.length > PENDING_COUNT_CAP,
      oldestMs: first ? Number(first[0].split('-')[0]) : null,
    };
  }

  days(days: readonly string[]): Promise<DayRollup[]> {
    return Promise.all(
      days.map(async (day) => parseDayRollup(day, await this.redis.hgetall(this.keys.insightsDay(day)))),
    );
  }

  months(months: readonly string[]): Promise<MonthRollup[]> {
    return Promise.all(
      months.map(async (month) =>
        parseMonthRollup(month, await this.redis.hgetall(this.keys.insightsMonth(month))),
      ),
    );
  }

  /** Distinct users over the union of periods x tiers for one intent ("*" = any); an estimate. */
  async distinct(periods: readonly string[], tiers: readonly string[], intent: string): Promise<number> {
    const keys = periods.flatMap((period) =>
      tiers.map((tier) => this.keys.insightsUsers(period, tier, intent)),
    );
    return keys.length === 0 ? 0 : this.redis.pfcount(...keys);
  }

  /** One tier's LLM users in a month: how many, how many cost more than `aboveMicroUsd`, the top N. */
  async llmUsers(
    month: string,
    tier: string,
    aboveMicroUsd: number | null,
    top: number,
  ): Promise<UserLlmMonth> {
    const costKey = this.keys.insightsLlmCost(month, tier);
    const [usersWithLlm, usersAbove, ranked] = await Promise.all([
      this.redis.zcard(costKey),
      aboveMicroUsd === null ? 0 : this.redis.zcount(costKey, `(${aboveMicroUsd}`, '+inf'),
      this.redis.zrevrange(costKey, 0, top - 1, 'WITHSCORES'),
    ]);
    const users: { userId: string; costMicroUsd: number }[] = [];
    for (let index = 0; index + 1 < ranked.length; index += 2) {
      users.push({ userId: ranked[index]!, costMicroUsd: Number(ranked[index + 1]) });
    }
    const fields = users.flatMap(({ userId }) =>
      ['turns', 'promptTokens', 'completionTokens'].map((metric) => `${userId}|${metric}`),
    );
    const values = fields.length
      ? await this.redis.hmget(this.keys.insightsLlmUsers(month, tier), ...fields)
      : [];
    const at = (position: number) => Number(values[position] ?? 0);
    return {
      usersWithLlm,
      usersAbove,
      top: users.map((user, index) => ({
        ...user,
        turns: at(index * 3),
        promptTokens: at(index * 3 + 1),
        completionTokens: at(index * 3 + 2),
      })),
    };
  }

  /** Per day: users whose first gate hit it was, their upgrades within 7 and 30 days, first upgrades. */
  async gateDays(days: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const metrics = ['hits', 'upgraded7', 'upgraded30', 'upgrades'];
    const fields = days.flatMap((day) => metrics.map((metric) => `${day}|${metric}`));
    const values = fields.length ? await this.redis.hmget(this.keys.insightsGateDays(), ...fields) : [];
    return new Map(
      days.map((day, d) => [
        day,
        Object.fromEntries(metrics.map((metric, m) => [metric, Number(values[d * metrics.length + m] ?? 0)])),
      ]),
    );
  }
}
