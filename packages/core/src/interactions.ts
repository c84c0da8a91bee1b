import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

/**
 * One answered turn, whoever answered it: the raw material of the insights (usage, LLM cost and
 * latency per tier). Appended to one capped Redis Stream; readers aggregate, nothing updates.
 */
export interface InteractionEvent {
  userId: string;
  /** The plan in force (its id), which is the tier insights group by. */
  plan: string;
  handledBy: 'skill' | 'llm' | 'fallback';
  /** The intent a skill answered; null on the LLM path and for fallbacks. */
  intent?: string | null;
  /** "ok", or the HARK_ERR_* code the turn ended with ("aborted" when the client left). */
  outcome: string;
  latencyMs: number;
  model?: string | null;
  promptTokens?: number;
  completionTokens?: number;
  costMicroUsd?: number;
  /** Tool calls the model made in the turn. */
  toolCalls?: number;
  sessionId?: string | null;
  at: Date;
}

/** About a million turns (a few hundred MB at most); `~` lets Redis trim whole nodes, which is cheap. */
export const INTERACTIONS_STREAM_CAP = 1_000_000;

/** Flat string fields, as XADD wants them; absent values are left out rather than written as "". */
function streamFields(event: InteractionEvent): string[] {
  const fields: Record<string, string | number | null | undefined> = {
    at: event.at.toISOString(),
    userId: event.userId,
    plan: event.plan,
    handledBy: event.handledBy,
    intent: event.intent,
    outcome: event.outcome,
    latencyMs: Math.round(event.latencyMs),
    model: event.model,
    promptTokens: event.promptTokens,
    completionTokens: event.completionTokens,
    costMicroUsd: event.costMicroUsd,
    toolCalls: event.toolCalls,
    sessionId: event.sessionId,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    value === undefined || value === null ? [] : [name, String(value)],
  );
}

/** Appends one interaction; resolves to the stream entry id. */
export async function recordInteraction(redis: Redis, keys: Keys, event: InteractionEvent): Promise<string> {
  const id = await redis.xadd(
    keys.interactions(),
    'MAXLEN',
    '~',
    INTERACTIONS_STREAM_CAP,
    '*',
    ...streamFields(event),
  );
  return id ?? '';
}
