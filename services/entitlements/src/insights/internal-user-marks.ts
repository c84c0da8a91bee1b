import type { InternalUser } from '@hark/contracts';
import type { Clock, RedisClient } from '@hark/core';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';

type Mark = Pick<InternalUser, 'note' | 'markedAt' | 'markedBy'>;

function parseMark(userId: string, text: string): InternalUser | null {
  try {
    const mark = JSON.parse(text) as Mark;
    return {
      userId,
      internal: true,
      note: mark.note ?? null,
      markedAt: mark.markedAt,
      markedBy: mark.markedBy,
    };
  } catch {
    return null;
  }
}

/**
 * Users marked internal or test (keys.insightsInternalUsers: user id -> mark JSON). The insights
 * fold reads the marks with each batch's classes (customer-class.ts) and leaves the marked users'
 * events out, so a mark applies to what is folded after it.
 */
export class InternalUserMarks {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: EntitlementsServiceKeys,
    private readonly clock: Clock,
  ) {}

  async get(userId: string): Promise<InternalUser | null> {
    const text = await this.redis.hget(this.keys.insightsInternalUsers(), userId);
    return text === null ? null : parseMark(userId, text);
  }

  /** Sets or clears the mark; resolves to the answer of PUT /admin/users/:id/internal. */
  async set(userId: string, internal: boolean, note: string | null, markedBy: string): Promise<InternalUser> {
    const markedAt = this.clock.now().toISOString();
    const key = this.keys.insightsInternalUsers();
    if (internal)
      await this.redis.hset(key, userId, JSON.stringify({ note, markedAt, markedBy } satisfies Mark));
    else await this.redis.hdel(key, userId);
    return { userId, internal, note, markedAt, markedBy };
  }

  /** Newest mark first. */
  async list(): Promise<InternalUser[]> {
    const all = await this.redis.hgetall(this.keys.insightsInternalUsers());
    return Object.entries(all)
      .map(([userId, text]) => parseMark(userId, text))
      .filter((mark) => mark !== null)
      .sort((a, b) => b.markedAt.localeCompare(a.markedAt) || a.userId.localeCompare(b.userId));
  }

  count(): Promise<number> {
    return this.redis.hlen(this.keys.insightsInternalUsers());
  }

  /** The ids of the users marked now. */
  userIds(): Promise<string[]> {
    return this.redis.hkeys(this.keys.insightsInternalUsers());
  }
}
