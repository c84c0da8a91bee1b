import { utcDay, utcMonth } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
// `Keys` names this service's interaction keys here (InteractionKeys).
import { type InteractionEvent, type InteractionKeys as Keys, recordInteraction } from '@hark/interactions';

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
  /** The function names the model called, in order (the insights count calls to free skills). */
  tools: readonly string[];
  /** "ok", a HARK_ERR_* code, or "aborted". */
  outcome: string;
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
    const transaction = this.redis.multi();
    // UTC periods, the same ones the quotas count in: "2026-11-26" and "2026-11".
    for (const [period, ttl] of [
      [utcDay(now), DAY_KEY_TTL_SECONDS],
      [utcMonth(now), MONTH_KEY_TTL_SECONDS],
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
      tools: usage.tools,
      sessionId: usage.sessionId,
      at,
    };
  }
}
