import type { RedisClient } from '@hark/core';

export interface DeviceEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const READ_BATCH = 200;

/** Stream entries after `afterId` (exclusive), oldest first. */
export async function readEventsAfter(
  redis: RedisClient,
  streamKey: string,
  afterId: string,
): Promise<DeviceEvent[]> {
  const entries = await redis.xrange(streamKey, `(${afterId}`, '+', 'COUNT', READ_BATCH);
  return entries.map(([id, fields]) => {
    const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(field('data'));
    } catch {
      // A malformed entry still reaches the client, with its type and no data.
    }
    return { id, type: field('type'), data };
  });
}

/**
 * True when events after `afterId` may have been trimmed away (the stream is capped), so a
 * client resuming from it should reload its state. The stream cannot tell whether anything
 * stood between `afterId` and its oldest entry, so this errs on the side of "missed".
 */
export async function missedTrimmedEvents(
  redis: RedisClient,
  streamKey: string,
  afterId: string,
): Promise<boolean> {
  const info = (await redis.call('XINFO', 'STREAM', streamKey).catch(() => null)) as unknown[] | null;
  if (!info) return false;
  const field = (name: string) => info[info.indexOf(name) + 1];
  const trimmed = Number(field('entries-added')) > Number(field('length'));
  const oldest = (field('first-entry') as [string, unknown] | null)?.[0];
  return trimmed && oldest !== undefined && compareIds(oldest, afterId) > 0;
}

/** Orders Redis Stream ids ("ms-seq"). */
export function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/**
 * One event in the SSE wire format. The `data:` line is one JSON object
 * `{eventId, type, data}`: the payload stays nested so its own fields (a timer's `id`)
 * never clash with the event's.
 */
export const formatEvent = (event: DeviceEvent): string =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ eventId: event.id, type: event.type, data: event.data })}\n\n`;
