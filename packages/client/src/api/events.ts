import { setTimeout as sleep } from 'node:timers/promises';
import { readSseFrames } from '@hark/contracts';
import { HarkNetworkError } from '../errors.js';
import type { Transport } from '../transport.js';

/**
 * One device event from GET /v1/events: `timer.finished`, `alarm.ringing`, `reminder.due`, ...
 * `data` is the item as the REST routes return it (e.g. `{timer: {...}}`). `events.missed`
 * means older events were trimmed away while the client was gone: reload state over REST.
 */
export interface DeviceEvent {
  /** The Redis Stream id; pass it as `lastEventId` to resume after this event. */
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface ReconnectInfo {
  /** 1 for the first retry after a drop, growing while the server stays away. */
  attempt: number;
  delayMs: number;
  /** The failure that ended the last connection, if it did not simply end. */
  error?: Error;
}

export interface EventsOptions {
  /** Resume after this event id (sent as Last-Event-ID); from "now" when absent. */
  lastEventId?: string;
  /** Stops listening; the signal's reason is thrown from the loop. */
  signal?: AbortSignal;
  /**
   * After the stream drops, connect again with Last-Event-ID so nothing is lost (default true).
   * The first connection is never retried: an unreachable server or a bad key is thrown at once.
   */
  reconnect?: boolean;
  /** Called each time a connection is open (headers in): from here on no event is missed. */
  onOpen?: () => void;
  /** Called before each reconnection attempt, e.g. to tell a user the connection dropped. */
  onReconnect?: (info: ReconnectInfo) => void;
  /** Wait before reconnecting when the server did not send `retry:` (default 2000 ms). */
  retryMs?: number;
}

const MAX_RETRY_MS = 30_000;

/** The user's device events as they happen; a dropped connection resumes where it stopped. */
export async function* deviceEvents(
  transport: Transport,
  options: EventsOptions = {},
): AsyncGenerator<DeviceEvent> {
  const cursor: Cursor = { lastEventId: options.lastEventId, retryMs: options.retryMs ?? 2_000 };
  let attempt = 0;
  for (;;) {
    let failure: Error | undefined;
    try {
      for await (const event of oneConnection(transport, cursor, options)) {
        attempt = 0; // a connection that delivers is a healthy one
        yield event;
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // Only a lost connection is retried; an API error (a revoked key) is the server's answer.
      if (!(error instanceof HarkNetworkError) || !cursor.connected) throw error;
      failure = error;
    }
    if (options.reconnect === false) return;
    attempt += 1;
    const delayMs = Math.min(cursor.retryMs * 2 ** Math.min(attempt - 1, 4), MAX_RETRY_MS);
    options.onReconnect?.({ attempt, delayMs, ...(failure ? { error: failure } : {}) });
    await sleep(delayMs, undefined, { signal: options.signal }).catch(() => {
      throw options.signal?.reason;
    });
  }
}

interface Cursor {
  lastEventId: string | undefined;
  retryMs: number;
  /** Set once any connection was made, so later failures count as drops, not as "unreachable". */
  connected?: boolean;
}

/** One connection: yields its events and moves the cursor; ends when the server closes the stream. */
async function* oneConnection(
  transport: Transport,
  cursor: Cursor,
  { signal, onOpen }: EventsOptions,
): AsyncGenerator<DeviceEvent> {
  const headers: Record<string, string> = cursor.lastEventId ? { 'last-event-id': cursor.lastEventId } : {};
  const { response, abort } = await transport.open({
    path: '/v1/events',
    auth: 'user',
    accept: 'text/event-stream',
    headers,
    ...(signal ? { signal } : {}),
  });
  cursor.connected = true;
  onOpen?.();
  const url = transport.url('/v1/events');
  try {
    if (!response.body) return;
    const onRetry = (retryMs: number) => {
      cursor.retryMs = retryMs;
    };
    for await (const frame of readSseFrames(response.body, { onRetry })) {
      if (!frame.data) continue;
      const event = deviceEventOf(frame.id, frame.event, frame.data);
      if (frame.id) cursor.lastEventId = frame.id;
      yield event;
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new HarkNetworkError(`the event stream from ${url} broke off`, url, { cause: error });
  } finally {
    abort();
  }
}

/** The data line is `{eventId, type, data}`; a malformed one still yields its type, with no data. */
function deviceEventOf(id: string | undefined, type: string, data: string): DeviceEvent {
  try {
    const parsed = JSON.parse(data) as { eventId?: string; type?: string; data?: Record<string, unknown> };
    return { id: parsed.eventId ?? id ?? '', type: parsed.type ?? type, data: parsed.data ?? {} };
  } catch {
    return { id: id ?? '', type, data: {} };
  }
}
