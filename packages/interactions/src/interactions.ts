import type { RedisClient } from '@hark/core';
import type { InteractionKeys } from './interaction-keys.js';

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
  /** The function names of those calls, in order ("timer_start"): which skills the LLM answered. */
  tools?: readonly string[];
  /** The reply carried an upsell: the user hit the premium gate (insights count conversions from it). */
  upsell?: boolean;
  sessionId?: string | null;
  at: Date;
}

/** About a million turns (a few hundred MB at most); `~` lets Redis trim whole nodes, which is cheap. */
export const INTERACTIONS_STREAM_CAP = 1_000_000;

/** Flat string fields, as XADD wants them; absent values are left out rather than written as "". */
function streamFields(event: InteractionEvent): string[] {
  const fields = ['at', event.at.toISOString(), 'userId', event.userId];
  fields.push('plan', event.plan, 'handledBy', event.handledBy);
  // Pushed one by one: this runs on every turn, and Object.entries/flatMap allocated per field.
  const add = (name: string, value: string | number | null | undefined) => {
    if (value !== undefined && value !== null) fields.push(name, String(value));
  };
  add('intent', event.intent);
  add('outcome', event.outcome);
  add('latencyMs', Math.round(event.latencyMs));
  add('model', event.model);
  add('promptTokens', event.promptTokens);
  add('completionTokens', event.completionTokens);
  add('costMicroUsd', event.costMicroUsd);
  add('toolCalls', event.toolCalls);
  // Function names are [A-Za-z0-9_-] (the OpenAI API's rule), so a comma separates them safely.
  if (event.tools && event.tools.length > 0) fields.push('tools', event.tools.join(','));
  add('upsell', event.upsell === true ? 'true' : undefined);
  add('sessionId', event.sessionId);
  return fields;
}

/** XADD's arguments after the command name: the capped stream, an id chosen by Redis, the fields. */
const xaddArgs = (keys: InteractionKeys, event: InteractionEvent) =>
  [keys.interactions(), 'MAXLEN', '~', INTERACTIONS_STREAM_CAP, '*', ...streamFields(event)] as const;

/** Appends one interaction; resolves to the stream entry id. */
export async function recordInteraction(
  redis: RedisClient,
  keys: InteractionKeys,
  event: InteractionEvent,
): Promise<string> {
  return (await redis.xadd(...xaddArgs(keys, event))) ?? '';
}

/**
 * Appends several interactions in one pipeline (one socket write for all of them); resolves to how
 * many were not recorded. A batch goes to one stream, so it stays on one Redis Cluster slot.
 */
export async function recordInteractions(
  redis: RedisClient,
  keys: InteractionKeys,
  events: readonly InteractionEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const pipeline = redis.pipeline();
  for (const event of events) pipeline.xadd(...xaddArgs(keys, event));
  const results = (await pipeline.exec()) ?? [];
  return events.length - results.filter(([error]) => !error).length;
}
