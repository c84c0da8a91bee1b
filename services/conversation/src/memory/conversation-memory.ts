import type { RedisClient } from '@hark/core';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ConversationKeys } from '../conversation-keys.js';

/** The messages of one turn: the user's, any tool calls and results, and the final answer. */
export type StoredTurn = ChatCompletionMessageParam[];

export interface MemorySettings {
  /** Token budget of the remembered turns (the system prompt and the new message come on top). */
  maxTokens: number;
  /** Idle time after which a conversation is forgotten; every turn renews it. */
  ttlSeconds: number;
}

/** Rough but tokeniser-free: about four characters per token for English, JSON included. */
export const estimateTokens = (turn: StoredTurn): number => Math.ceil(JSON.stringify(turn).length / 4);

/**
 * How many of the oldest turns to drop so the rest fit the budget. Whole turns only, so a tool
 * result never loses the call it answers; the newest turn always stays, even when over budget.
 */
export function turnsToDrop(turnTokens: readonly number[], maxTokens: number): number {
  let kept = 0;
  let total = 0;
  for (let index = turnTokens.length - 1; index >= 0; index--) {
    total += turnTokens[index] ?? 0;
    if (total > maxTokens && kept > 0) break;
    kept++;
  }
  return turnTokens.length - kept;
}

/**
 * A session's conversation: a Redis list with one JSON array of messages per turn, oldest first.
 * Old turns are dropped (not summarised) once the budget is spent: a summary would cost another
 * model call per turn, and voice conversations rarely need more than the last few exchanges.
 * Appends are RPUSH, so two turns finishing at once both land.
 */
export class ConversationMemory {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ConversationKeys,
    private readonly settings: MemorySettings,
  ) {}

  /** The remembered messages, oldest first, within the budget. */
  async load(userId: string, sessionId: string): Promise<ChatCompletionMessageParam[]> {
    const raw = await this.redis.lrange(this.keys.conversation(userId, sessionId), 0, -1);
    const turns = raw.flatMap(parseTurn);
    const drop = turnsToDrop(turns.map(estimateTokens), this.settings.maxTokens);
    return turns.slice(drop).flat();
  }

  /** Adds a finished turn, renews the TTL, and trims the oldest turns beyond the budget. */
  async append(userId: string, sessionId: string, turn: StoredTurn): Promise<void> {
    const key = this.keys.conversation(userId, sessionId);
    const results = await this.redis
      .multi()
      .rpush(key, JSON.stringify(turn))
      .expire(key, this.settings.ttlSeconds)
      .lrange(key, 0, -1)
      .exec();
    const stored = (results?.[2]?.[1] ?? []) as string[];
    const drop = turnsToDrop(
      stored.map((json) => Math.ceil(json.length / 4)),
      this.settings.maxTokens,
    );
    if (drop > 0) await this.redis.ltrim(key, drop, -1);
  }
}

function parseTurn(json: string): StoredTurn[] {
  try {
    const turn: unknown = JSON.parse(json);
    return Array.isArray(turn) ? [turn as StoredTurn] : [];
  } catch {
    // A corrupt entry is forgotten rather than breaking every later turn of the session.
    return [];
  }
}
