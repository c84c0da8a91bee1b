import { answerKinds } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import { z } from 'zod';
import type { RouterKeys } from '../router-keys.js';

const slotsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A question Hark asked and the next turn may answer (see FollowUp in @hark/skills). */
export const pendingQuestionSchema = z.object({
  intent: z.string(),
  slots: slotsSchema,
  slot: z.string(),
  kind: z.enum(answerKinds),
  choices: z
    .array(z.object({ phrases: z.array(z.string()), value: z.union([z.string(), z.number()]) }))
    .optional(),
  /**
   * A "which skill?" question (clarify-turn.ts): the readings offered, each with its slots;
   * the choice's value is the index of the one picked.
   */
  readings: z.array(z.object({ intent: z.string(), slots: slotsSchema })).optional(),
  /** ms since the epoch; after it the question is forgotten. */
  expiresAt: z.number(),
});
export type PendingQuestion = z.infer<typeof pendingQuestionSchema>;

/** What Hark remembers between turns of one conversation. */
export const sessionStateSchema = z.object({
  id: z.uuid(),
  turns: z.number().int().nonnegative(),
  lastIntent: z.string().nullable(),
  lastSlots: slotsSchema.nullable(),
  deviceId: z.string().nullable(),
  pending: pendingQuestionSchema.nullable().default(null),
  updatedAt: z.string(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/**
 * Session context in Redis under the user's own key space: a session id from another user
 * simply finds nothing. Every save refreshes the TTL, so idle sessions expire.
 */
export class SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RouterKeys,
    private readonly ttlSeconds: number,
  ) {}

  async load(userId: string, sessionId: string): Promise<SessionState | null> {
    const raw = await this.redis.get(this.keys.session(userId, sessionId));
    if (!raw) return null;
    try {
      const parsed = sessionStateSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // A corrupt entry behaves like an expired one.
    }
  }

  async save(userId: string, state: SessionState): Promise<void> {
    await this.redis.set(this.keys.session(userId, state.id), JSON.stringify(state), 'EX', this.ttlSeconds);
  }

  async end(userId: string, sessionId: string): Promise<void> {
    await this.redis.del(this.keys.session(userId, sessionId));
  }
}

export const newSession = (id: string, deviceId: string | null, now: Date): SessionState => ({
  id,
  turns: 0,
  lastIntent: null,
  lastSlots: null,
  deviceId,
  pending: null,
  updatedAt: now.toISOString(),
});
