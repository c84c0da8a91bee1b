import { type CustomerClass, insightsCategory } from '@hark/contracts';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { FoldableEvent } from './interaction-entry.js';
import { peopleUseOf } from './people-section.js';

/**
 * The rollups one batch of events adds up to, as the increments fold-insights.lua applies in
 * one step. Building them is pure; the folder only reads the stream and runs the script.
 *
 * Day hash (keys.insightsDay):   n|tier|intent, upsell|tier, promptTokens|tier, completionTokens|tier,
 *                                costMicroUsd|tier
 * Month hash (keys.insightsMonth): n|tier, llmTurns|tier (answered), promptTokens|tier,
 *                                completionTokens|tier, costMicroUsd|tier
 * HyperLogLogs (keys.insightsUsers): per day and month, per tier ("*" all) and intent ("*" all)
 * Per user and month (keys.insightsLlmCost / insightsLlmUsers): LLM cost, and turns and tokens
 * By customer class (people-and-margin): month hash classCost|tier|class and tool|name; HyperLogLogs
 *                                keys.insightsClassUsers per month, tier and class, and
 *                                keys.insightsPeople per month: users of timers or alarms, and of
 *                                anything beyond them, over all turns and over paying ones.
 * Internal users: only their class HyperLogLog, and the count of skipped events in the state hash.
 */
export const rollupField = {
  interactions: (tier: string, intent: string) => `n|${tier}|${intent}`,
  upsells: (tier: string) => `upsell|${tier}`,
  tierInteractions: (tier: string) => `n|${tier}`,
  llmTurns: (tier: string) => `llmTurns|${tier}`,
  promptTokens: (tier: string) => `promptTokens|${tier}`,
  completionTokens: (tier: string) => `completionTokens|${tier}`,
  costMicroUsd: (tier: string) => `costMicroUsd|${tier}`,
  user: (userId: string, metric: 'turns' | 'promptTokens' | 'completionTokens') => `${userId}|${metric}`,
  classCost: (tier: string, customerClass: CustomerClass) => `classCost|${tier}|${customerClass}`,
  toolCalls: (tool: string) => `tool|${tool}`,
};

/** The name under which tool calls an older event only counted (no names) are kept. */
export const UNNAMED_TOOL = 'unnamed';

/** Longer than the longest range (366 days) plus the month a month key covers. */
export const DAY_ROLLUP_TTL_SECONDS = 400 * 86_400;
export const MONTH_ROLLUP_TTL_SECONDS = 430 * 86_400;

/** PFADD members per call, well under Lua's unpack() limit. */
const PFADD_CHUNK = 500;

export interface GateHit {
  userId: string;
  atMs: number;
  day: string;
}

export class RollupBatch {
  readonly counters = new Map<string, Map<string, number>>();
  readonly distinct = new Map<string, Set<string>>();
  readonly scores = new Map<string, Map<string, number>>();
  readonly ttls = new Map<string, number>();
  /** Each user's first upsell in the batch. */
  readonly gateHits = new Map<string, GateHit>();
  /** Events of internal users, left out of every rollup but their class count. */
  internalSkipped = 0;

  constructor(private readonly keys: EntitlementsServiceKeys) {}

  /** Counts one event of a user who is `customerClass` at fold time (see customer-class.ts). */
  add(event: FoldableEvent, customerClass: CustomerClass): void {
    const { keys } = this;
    const { tier, intent, day, month } = event;
    this.addDistinct(
      keys.insightsClassUsers(month, tier, customerClass),
      event.userId,
      MONTH_ROLLUP_TTL_SECONDS,
    );
    if (customerClass === 'internal') {
      this.internalSkipped++;
      return;
    }
    this.addPerson(event, customerClass);
    const dayKey = keys.insightsDay(day);
    const monthKey = keys.insightsMonth(month);
    this.increment(dayKey, rollupField.interactions(tier, intent), 1, DAY_ROLLUP_TTL_SECONDS);
    this.increment(monthKey, rollupField.tierInteractions(tier), 1, MONTH_ROLLUP_TTL_SECONDS);
    for (const [period, ttl] of [
      [day, DAY_ROLLUP_TTL_SECONDS],
      [month, MONTH_ROLLUP_TTL_SECONDS],
    ] as const) {
      for (const [userTier, userIntent] of [
        [tier, '*'],
        ['*', '*'],
        [tier, intent],
      ]) {
        this.addDistinct(keys.insightsUsers(period, userTier!, userIntent!), event.userId, ttl);
      }
    }
    if (event.upsell) {
      this.increment(dayKey, rollupField.upsells(tier), 1, DAY_ROLLUP_TTL_SECONDS);
      if (!this.gateHits.has(event.userId)) this.gateHits.set(event.userId, event);
    }
    if (event.handledBy === 'llm') this.addLlm(event, dayKey, monthKey);
  }

  /** What the user used this month, their LLM cost by class, and the tools the LLM called. */
  private addPerson(event: FoldableEvent, customerClass: CustomerClass): void {
    const { keys } = this;
    const ttl = MONTH_ROLLUP_TTL_SECONDS;
    const use = peopleUseOf(insightsCategory(event.intent));
    if (use) {
      this.addDistinct(keys.insightsPeople(event.month, 'all', use), event.userId, ttl);
      if (customerClass === 'paying') {
        this.addDistinct(keys.insightsPeople(event.month, 'paying', use), event.userId, ttl);
      }
    }
    if (event.handledBy !== 'llm') return;
    const monthKey = keys.insightsMonth(event.month);
    this.increment(monthKey, rollupField.classCost(event.tier, customerClass), event.costMicroUsd, ttl);
    for (const tool of event.tools) this.increment(monthKey, rollupField.toolCalls(tool), 1, ttl);
    const unnamed = event.toolCalls - event.tools.length;
    if (unnamed > 0) this.increment(monthKey, rollupField.toolCalls(UNNAMED_TOOL), unnamed, ttl);
  }

  private addLlm(event: FoldableEvent, dayKey: string, monthKey: string): void {
    const { tier, userId, month } = event;
    const turns = event.ok ? 1 : 0;
    for (const [key, ttl] of [
      [dayKey, DAY_ROLLUP_TTL_SECONDS],
      [monthKey, MONTH_ROLLUP_TTL_SECONDS],
    ] as const) {
      this.increment(key, rollupField.promptTokens(tier), event.promptTokens, ttl);
      this.increment(key, rollupField.completionTokens(tier), event.completionTokens, ttl);
      this.increment(key, rollupField.costMicroUsd(tier), event.costMicroUsd, ttl);
    }
    this.increment(monthKey, rollupField.llmTurns(tier), turns, MONTH_ROLLUP_TTL_SECONDS);
    const usersKey = this.keys.insightsLlmUsers(month, tier);
    this.increment(usersKey, rollupField.user(userId, 'turns'), turns, MONTH_ROLLUP_TTL_SECONDS);
    this.increment(
      usersKey,
      rollupField.user(userId, 'promptTokens'),
      event.promptTokens,
      MONTH_ROLLUP_TTL_SECONDS,
    );
    this.increment(
      usersKey,
      rollupField.user(userId, 'completionTokens'),
      event.completionTokens,
      MONTH_ROLLUP_TTL_SECONDS,
    );
    // A zero-cost turn still adds the member: the user is counted among those who used the LLM.
    const costKey = this.keys.insightsLlmCost(month, tier);
    const costs = this.scores.get(costKey) ?? new Map<string, number>();
    costs.set(userId, (costs.get(userId) ?? 0) + event.costMicroUsd);
    this.scores.set(costKey, costs);
    this.ttls.set(costKey, MONTH_ROLLUP_TTL_SECONDS);
  }

  private increment(key: string, field: string, amount: number, ttl: number): void {
    const fields = this.counters.get(key) ?? new Map<string, number>();
    fields.set(field, (fields.get(field) ?? 0) + amount);
    this.counters.set(key, fields);
    this.ttls.set(key, ttl);
  }

  private addDistinct(key: string, member: string, ttl: number): void {
    const members = this.distinct.get(key) ?? new Set<string>();
    members.add(member);
    this.distinct.set(key, members);
    this.ttls.set(key, ttl);
  }

  /** KEYS (after the four fixed ones) and the operations JSON of fold-insights.lua. */
  scriptOperations(): { rollupKeys: string[]; operations: string } {
    const rollupKeys = [...this.ttls.keys()];
    // KEYS[1..4] are the state, gate hits, upgrades and gate days; rollups follow from KEYS[5].
    const index = new Map(rollupKeys.map((key, position) => [key, position + 5]));
    const at = (key: string) => index.get(key)!;
    const hincr = [...this.counters].flatMap(([key, fields]) =>
      [...fields]
        .filter(([, amount]) => amount !== 0)
        .map(([field, amount]) => [at(key), field, String(amount)]),
    );
    const pfadd = [...this.distinct].flatMap(([key, members]) => {
      const list = [...members];
      const chunks: (string | number)[][] = [];
      for (let start = 0; start < list.length; start += PFADD_CHUNK) {
        chunks.push([at(key), ...list.slice(start, start + PFADD_CHUNK)]);
      }
      return chunks;
    });
    const zincr = [...this.scores].flatMap(([key, members]) =>
      [...members].map(([member, amount]) => [at(key), member, String(amount)]),
    );
    const expire = rollupKeys.map((key) => [at(key), this.ttls.get(key)!]);
    const gate = [...this.gateHits.values()].map((hit) => [hit.userId, String(hit.atMs), hit.day]);
    const skipped = this.internalSkipped;
    return {
      rollupKeys,
      operations: JSON.stringify({ hincr, pfadd, zincr, expire, gate, skipped }),
    };
  }
}
