import type { Clock, RedisClient } from '@hark/core';
import { z } from 'zod';
import type { SkillKeys } from '../skill-keys.js';
import { DEFAULT_LIST_NAME, itemKey, MAX_ITEMS_PER_LIST, MAX_LISTS } from './list-items.js';

export interface ListItem {
  text: string;
  addedAt: string;
}

export interface ListSummary {
  name: string;
  count: number;
}

export type AddOutcome =
  | { kind: 'added'; added: string[]; alreadyOnList: string[] }
  | { kind: 'list-full'; limit: number }
  | { kind: 'too-many-lists'; limit: number };

/** A stored item; `order` (Redis server time in µs) keeps insertion order across instances. */
const storedItemSchema = z.object({ text: z.string(), addedAt: z.string(), order: z.number() });
type StoredItem = z.infer<typeof storedItemSchema>;

/**
 * A user's named lists. Each list is a hash: item key (lower case) -> the item as first
 * spelled, so HSETNX merges duplicates atomically; the index set names the user's lists,
 * including empty ones. "shopping" always exists. Names given here are canonical already.
 */
export class ListStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: SkillKeys,
    private readonly clock: Clock,
  ) {}

  async listNames(userId: string): Promise<ListSummary[]> {
    const names = new Set(await this.redis.smembers(this.keys.listIndex(userId)));
    names.add(DEFAULT_LIST_NAME);
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en'));
    const pipeline = this.redis.pipeline();
    for (const name of sorted) pipeline.hlen(this.keys.list(userId, name));
    const counts = (await pipeline.exec()) ?? [];
    return sorted.map((name, i) => ({ name, count: Number(counts[i]?.[1] ?? 0) }));
  }

  async exists(userId: string, name: string): Promise<boolean> {
    if (name === DEFAULT_LIST_NAME) return true;
    return (await this.redis.sismember(this.keys.listIndex(userId), name)) === 1;
  }

  /** false when it exists already; 'too-many-lists' at the cap. */
  async create(userId: string, name: string): Promise<boolean | 'too-many-lists'> {
    if (await this.exists(userId, name)) return false;
    if (await this.atListCap(userId)) return 'too-many-lists';
    return (await this.redis.sadd(this.keys.listIndex(userId), name)) === 1;
  }

  /** Removes a list and its items; false when there was no such list. "shopping" is only emptied. */
  async delete(userId: string, name: string): Promise<boolean> {
    const existed = await this.exists(userId, name);
    await this.redis.multi().srem(this.keys.listIndex(userId), name).del(this.keys.list(userId, name)).exec();
    return existed;
  }

  async items(userId: string, name: string): Promise<ListItem[]> {
    return toOrderedItems(await this.redis.hgetall(this.keys.list(userId, name)));
  }

  /**
   * Adds items not on the list yet (compared case-insensitively; the stored spelling stays).
   * The caps are checked before writing, so two concurrent adds may overshoot them slightly.
   */
  async add(userId: string, name: string, texts: readonly string[]): Promise<AddOutcome> {
    const listKey = this.keys.list(userId, name);
    if (!(await this.exists(userId, name)) && (await this.atListCap(userId))) {
      return { kind: 'too-many-lists', limit: MAX_LISTS };
    }
    const [count, fresh] = await Promise.all([this.redis.hlen(listKey), this.notOnList(userId, name, texts)]);
    if (count + fresh.length > MAX_ITEMS_PER_LIST) return { kind: 'list-full', limit: MAX_ITEMS_PER_LIST };
    const firstOrder = await this.serverMicros();
    const addedAt = this.clock.now().toISOString();
    const transaction = this.redis.multi().sadd(this.keys.listIndex(userId), name);
    texts.forEach((text, i) => {
      const stored: StoredItem = { text, addedAt, order: firstOrder + i };
      transaction.hsetnx(listKey, itemKey(text), JSON.stringify(stored));
    });
    const results = (await transaction.exec()) ?? [];
    const wasSet = results.slice(1).map(([, value]) => value === 1);
    return {
      kind: 'added',
      added: texts.filter((_, i) => wasSet[i]),
      alreadyOnList: texts.filter((_, i) => !wasSet[i]),
    };
  }

  /** The removed item as it was stored, or null when it was not on the list. */
  async remove(userId: string, name: string, text: string): Promise<ListItem | null> {
    const listKey = this.keys.list(userId, name);
    const field = itemKey(text);
    const [[, raw] = [], [, removed] = []] =
      (await this.redis.multi().hget(listKey, field).hdel(listKey, field).exec()) ?? [];
    if (removed !== 1) return null;
    const stored = parseStored(raw as string);
    return { text: stored?.text ?? text, addedAt: stored?.addedAt ?? '' };
  }

  /** Empties the list (it stays, empty); resolves the items that went, in order. */
  async clear(userId: string, name: string): Promise<ListItem[]> {
    const listKey = this.keys.list(userId, name);
    const [[, stored] = []] = (await this.redis.multi().hgetall(listKey).del(listKey).exec()) ?? [];
    return toOrderedItems((stored ?? {}) as Record<string, string>);
  }

  private async notOnList(userId: string, name: string, texts: readonly string[]): Promise<string[]> {
    if (texts.length === 0) return [];
    const present = await this.redis.hmget(this.keys.list(userId, name), ...texts.map(itemKey));
    return texts.filter((_, i) => present[i] === null);
  }

  private async atListCap(userId: string): Promise<boolean> {
    return (await this.redis.scard(this.keys.listIndex(userId))) >= MAX_LISTS;
  }

  /** Redis's clock, not ours: every instance orders items on the same time line. */
  private async serverMicros(): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    return Number(seconds) * 1_000_000 + Number(micros);
  }
}

function toOrderedItems(stored: Record<string, string>): ListItem[] {
  return Object.values(stored)
    .map(parseStored)
    .filter((item): item is StoredItem => item !== null)
    .sort((a, b) => a.order - b.order)
    .map(({ text, addedAt }) => ({ text, addedAt }));
}

function parseStored(raw: string | null | undefined): StoredItem | null {
  if (!raw) return null;
  try {
    return storedItemSchema.safeParse(JSON.parse(raw)).data ?? null;
  } catch {
    return null;
  }
}
