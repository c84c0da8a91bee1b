import type { RedisClient } from '@hark/core';
import type { z } from 'zod';
import type { ScheduledKind, SchedulingKeys } from './scheduling-keys.js';
import { schedulingScripts } from './scheduling-scripts.js';

/** Every stored timer, alarm or reminder has these; `version` grows by one on each change. */
export interface VersionedItem {
  id: string;
  version: number;
  createdAt: string;
}

/** A device event recorded together with the change that caused it. */
export interface ItemEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface ItemChange<T> {
  next: T;
  event?: ItemEvent;
  /** Set for finished items so they age out; omitted = kept. */
  ttlSeconds?: number;
}

export interface ItemStoreOptions {
  /** Approximate cap of each user's event stream. */
  streamCap: number;
}

/**
 * A user's items of one kind, changed only by compare-and-set (compare-and-set-item.lua):
 * a change computed from a stale read is refused and recomputed, so a pause racing a
 * firing can never produce a timer that is both finished and paused.
 */
export class ItemStore<T extends VersionedItem> {
  private readonly scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: SchedulingKeys,
    readonly kind: ScheduledKind,
    private readonly schema: z.ZodType<T>,
    private readonly options: ItemStoreOptions,
  ) {
    this.scripts = schedulingScripts(redis);
  }

  async get(userId: string, id: string): Promise<T | null> {
    return this.parse(await this.redis.get(this.keys.item(userId, this.kind, id)));
  }

  /** Every item the user still has, oldest first; ids of items that aged out are pruned. */
  async list(userId: string): Promise<T[]> {
    const index = this.keys.itemIndex(userId, this.kind);
    const ids = await this.redis.zrange(index, 0, -1);
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => this.keys.item(userId, this.kind, id)));
    const gone = ids.filter((_, i) => values[i] === null);
    if (gone.length > 0) await this.redis.zrem(index, ...gone);
    return values.map((value) => this.parse(value)).filter((item): item is T => item !== null);
  }

  /**
   * How many ids the user's index of this kind holds: every item the user has, plus ids of items
   * that aged out and are not pruned yet, so never fewer than the items.
   */
  indexedCount(userId: string): Promise<number> {
    return this.redis.zcard(this.keys.itemIndex(userId, this.kind));
  }

  /** Stores a new item (version 1); false if the id exists. Returns the event id when one was recorded. */
  async create(userId: string, change: ItemChange<T>): Promise<{ created: boolean; eventId: string | null }> {
    const result = await this.write(userId, 0, change);
    return { created: result !== null, eventId: result || null };
  }

  /**
   * Reads, applies `change`, writes with compare-and-set; on a conflict reads again and
   * retries. `change` returns null to leave the item as it is. Resolves null when the item
   * does not exist or `change` declined.
   */
  async mutate(
    userId: string,
    id: string,
    change: (current: T) => ItemChange<T> | null,
  ): Promise<{ item: T; eventId: string | null } | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(userId, id);
      if (!current) return null;
      const planned = change(current);
      if (!planned) return null;
      const result = await this.write(userId, current.version, planned);
      if (result !== null) return { item: planned.next, eventId: result || null };
    }
    throw new Error(`${this.kind} ${id}: too many concurrent changes`);
  }

  private async write(
    userId: string,
    expectedVersion: number,
    change: ItemChange<T>,
  ): Promise<string | null> {
    const { next, event } = change;
    if (next.version !== expectedVersion + 1) throw new Error('an item change must raise the version by one');
    return this.scripts.compareAndSetItem(
      this.keys.item(userId, this.kind, next.id),
      this.keys.itemIndex(userId, this.kind),
      this.keys.events(userId),
      expectedVersion,
      JSON.stringify(next),
      next.id,
      Date.parse(next.createdAt),
      change.ttlSeconds ?? 0,
      event?.type ?? '',
      JSON.stringify(event?.data ?? {}),
      this.options.streamCap,
      this.keys.eventsChannel(userId),
    );
  }

  private parse(raw: string | null): T | null {
    if (!raw) return null;
    try {
      return this.schema.safeParse(JSON.parse(raw)).data ?? null;
    } catch {
      return null;
    }
  }
}
