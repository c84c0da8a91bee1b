import {
  type Clock,
  type InteractionEvent,
  type Keys,
  type RedisClient,
  recordInteraction,
} from '@hark/core';

/** Day counters serve "today" and recent history; month counters serve billing-period views. */
const DAY_KEY_TTL_SECONDS = 90 * 86_400;
const MONTH_KEY_TTL_SECONDS = 400 * 86_400;

export interface TurnUsage {
  userId: string;
  plan: string;
  sessionId: string;
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  costMicroUsd: number;
  latencyMs: number;
  toolCalls: number;
  /** "ok", a HARK_ERR_* code, or "aborted". */
  outcome: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** UTC periods, the same ones the quotas count in: "2026-11-26" and "2026-11". */
export function usagePeriods(now: Date): { day: string; month: string } {
  const month = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}`;
  return { day: `${month}-${pad(now.getUTCDate())}`, month };
}

/**
 * What the LLM path costs, per user per day and per month (hashes of integer counters, so
 * concurrent turns add up exactly), plus one interaction event per turn for the insights.
 * Tokens and cost count even when a turn fails: the upstream bills them all the same.
 * `turns` counts answered turns only.
 */
export class UsageMeter {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly clock: Clock,
  ) {}

  async record(usage: TurnUsage): Promise<void> {
    const now = this.clock.now();
    const { day, month } = usagePeriods(now);
    const transaction = this.redis.multi();
    for (const [period, ttl] of [
      [day, DAY_KEY_TTL_SECONDS],
      [month, MONTH_KEY_TTL_SECONDS],
    ] as const) {
      const key = this.keys.llmUsage(usage.userId, period);
      transaction
        .hincrby(key, 'promptTokens', usage.promptTokens)
        .hincrby(key, 'completionTokens', usage.completionTokens)
        .hincrby(key, 'costMicroUsd', usage.costMicroUsd)
        .hincrby(key, 'turns', usage.outcome === 'ok' ? 1 : 0)
        .expire(key, ttl);
    }
    await transaction.exec();
    await recordInteraction(this.redis, this.keys, this.interaction(usage, now));
  }

  private interaction(usage: TurnUsage, at: Date): InteractionEvent {
    return {
      userId: usage.userId,
      plan: usage.plan,
      handledBy: 'llm',
      intent: null,
      outcome: usage.outcome,
      latencyMs: usage.latencyMs,
      model: usage.model,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costMicroUsd: usage.costMicroUsd,
      toolCalls: usage.toolCalls,
      sessionId: usage.sessionId,
      at,
    };
  }
}
