import type { RedisClient } from '@hark/core';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ConversationKeys } from '../conversation-keys.js';
import { estimateTokenCount, type TokenCounter } from './token-count.js';

/** The messages of one turn: the user's, any tool calls and results, and the final answer. */
export type StoredTurn = ChatCompletionMessageParam[];

export interface MemorySettings {
  /** Token budget of the remembered turns (the system prompt and the new message come on top). */
  maxTokens: number;
  /** Idle time after which a conversation is forgotten; every turn renews it. */
  ttlSeconds: number;
  /** The model's tokenizer (token-count.ts tokenCounterFor(LLM_MODEL)); characters / 4 by default. */
  countTokens?: TokenCounter;
}

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
 * The budget is in tokens of the model (LLM_MEMORY_MAX_TOKENS), counted with its tokenizer over
 * each turn's JSON (roles and tool calls included, so a little above what the upstream bills).
 * Old turns are dropped whole (not summarised) once the budget is spent: a summary would cost
 * another model call per turn, and voice conversations rarely need more than the last few
 * exchanges; whole turns keep every tool call with its result. Appends are RPUSH, so two turns
 * finishing at once both land.
 */
export class ConversationMemory {
  private readonly countTokens: TokenCounter;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ConversationKeys,
    private readonly settings: MemorySettings,
  ) {
    this.countTokens = settings.countTokens ?? estimateTokenCount;
  }

  /** The tokens of one stored turn (its JSON, as Redis holds it). */
  tokensOf(json: string): number {
    return this.countTokens(json);
  }

  /** The remembered messages, oldest first, within the budget. */
  async load(userId: string, sessionId: string): Promise<ChatCompletionMessageParam[]> {
    const raw = await this.redis.lrange(this.keys.conversation(userId, sessionId), 0, -1);
    const turns = raw.flatMap((json) =>
      parseTurn(json).map((turn) => ({ turn, tokens: this.tokensOf(json) })),
    );
    const drop = turnsToDrop(
      turns.map(({ tokens }) => tokens),
      this.settings.maxTokens,
    );
    return turns.slice(drop).flatMap(({ turn }) => turn);
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
      stored.map((json) => this.tokensOf(json)),
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
