import type { KeySpace } from '@hark/core';
import { schedulingKeys } from '@hark/scheduling';
import type { TestRedisClient } from '@hark/testing';

/** One entry of a user's device event stream (the Redis Stream behind /v1/events). */
export interface StoredEvent {
  /** When Redis appended it (the stream id's time), ms. */
  atMs: number;
  type: string;
  /** The item as the REST routes return it. */
  data: { id?: string; dueAt?: string; late?: boolean; latenessMs?: number };
}

/** Every event in the user's stream, oldest first. */
export async function storedEvents(
  redis: TestRedisClient,
  space: KeySpace,
  userId: string,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  const keys = schedulingKeys(space);
  let after = '-';
  for (;;) {
    const entries = await redis.xrange(keys.events(userId), after, '+', 'COUNT', 500);
    for (const [id, fields] of entries) {
      after = `(${id}`;
      const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
      events.push({
        atMs: Number(id.split('-')[0]),
        type: field('type'),
        data: JSON.parse(field('data') || '{}'),
      });
    }
    if (entries.length < 500) return events;
  }
}

/** item id -> how many events of `type` it got. */
export function countByItem(events: StoredEvent[], type: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.type !== type) continue;
    const id = event.data.id ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Items that got an event a number of times other than once, as {id: count} (empty when all is well). */
export function notExactlyOnce(
  expectedIds: Iterable<string>,
  counts: Map<string, number>,
): Record<string, number> {
  const wrong: Record<string, number> = {};
  for (const id of expectedIds) {
    const count = counts.get(id) ?? 0;
    if (count !== 1) wrong[id] = count;
  }
  for (const [id, count] of counts) if (count !== 1) wrong[id] = count;
  return wrong;
}

/** How late each firing reached Redis, ms after its due time. */
export const firingLateness = (events: StoredEvent[], type = 'timer.finished'): number[] =>
  events
    .filter((event) => event.type === type && event.data.dueAt)
    .map((event) => event.atMs - Date.parse(event.data.dueAt!));
