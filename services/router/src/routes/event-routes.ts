import { errorResponseSchema } from '@hark/contracts';
import { HarkError, openEventStream } from '@hark/core';
import type { SchedulingKeys } from '@hark/scheduling';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventHub } from '../events/event-hub.js';
import { type DeviceEvent, formatEvent, missedTrimmedEvents, readEventsAfter } from '../events/sse-stream.js';

const streamIdPattern = /^\d{1,20}-\d{1,20}$/;

export interface EventRoutesOptions {
  hub: EventHub;
  keys: SchedulingKeys;
  heartbeatMs: number;
  /**
   * Streams one user may hold open on this instance (each costs a socket, a timer and a read per
   * event); one more closes the user's oldest here.
   */
  maxStreamsPerUser: number;
}

const eventsQuerySchema = z.object({
  lastEventId: z
    .string()
    .regex(streamIdPattern)
    .optional()
    .describe('Resume after this event id (same as the Last-Event-ID header)'),
});

/**
 * GET /v1/events: the user's device events as Server-Sent Events. Every device of the user
 * gets every event; a client that reconnects with Last-Event-ID receives what it missed.
 * At most `maxStreamsPerUser` per user at once on this instance: without a bound, one key could
 * hold thousands of sockets here, and make every event of theirs cost thousands of reads. One more
 * closes the user's oldest stream (`events.closed`, then a 30 s reconnection delay) rather than
 * refusing the newest: a phone that changed networks leaves streams behind that only TCP's
 * retransmission timeout ends (about 15 minutes), and its newest connection is the live one.
 */
export const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, options) => {
  const open = new Set<() => void>();
  const streamsOf = new StreamsPerUser(options.maxStreamsPerUser);
  // Close open streams first, so a graceful shutdown is not held up by idle listeners.
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });

  app.get(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Live device events (text/event-stream)',
        description:
          'Events: timer.started, timer.updated, timer.cancelled, timer.finished, timer.stopped, alarm.set, ' +
          'alarm.ringing, alarm.snoozed, alarm.stopped, alarm.cancelled, reminder.created, reminder.updated, ' +
          'reminder.cancelled, reminder.due. Each data line is {eventId, type, data} where data is the item as ' +
          'the REST routes return it; `id:` is the Redis Stream id. Send Last-Event-ID (or ?lastEventId=) to ' +
          'resume. `events.missed` means older events were trimmed: reload state over REST. `events.closed` ends a ' +
          'stream because the user opened more than EVENT_STREAMS_PER_USER here (the oldest goes; it is told to ' +
          'reconnect in 30 s). Comment lines are ' +
          'heartbeats. Try: curl -N.',
        security: [{ apiKey: [] }],
        querystring: eventsQuerySchema,
        response: { 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const header = request.headers['last-event-id'];
      const resumeFrom = (typeof header === 'string' ? header : undefined) ?? request.query.lastEventId;
      if (resumeFrom !== undefined && !streamIdPattern.test(resumeFrom)) {
        throw new HarkError('VALIDATION', {
          summary: 'Last-Event-ID must be a stream id such as 1700000000000-0',
        });
      }
      const streamKey = options.keys.events(user.id);
      // Resume from the given id, or from "now" (the newest id) for a fresh client.
      let lastSent =
        resumeFrom ?? (await app.redis.xrevrange(streamKey, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
      const missed =
        resumeFrom !== undefined && (await missedTrimmedEvents(app.redis, streamKey, resumeFrom));

      const raw = openEventStream(request, reply);
      let closed = false;
      // Nothing is written once the answer has ended: a stream closed for a newer one may still have a
      // read on the way, and a write after end would only come back as an error on the response.
      const send = (text: string) => {
        if (!closed && !raw.writableEnded && !raw.destroyed) raw.write(text);
      };
      send(`retry: 2000\n: connected\n\n`);
      if (missed) send(formatEvent({ id: lastSent, type: 'events.missed', data: {} }));

      let reading: Promise<void> = Promise.resolve();
      const sendNew = () => {
        // Serialised, so events go out once and in order even when announcements bunch up.
        reading = reading
          .then(async () => {
            let batch: DeviceEvent[];
            do {
              batch = await readEventsAfter(app.redis, streamKey, lastSent);
              for (const event of batch) send(formatEvent(event));
              lastSent = batch.at(-1)?.id ?? lastSent;
            } while (batch.length > 0 && !closed);
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'could not read device events'));
      };

      let stopListening: (() => Promise<void>) | undefined;
      // Counted as soon as its answer has started, in one step with the comparison, so a burst of opens
      // leaves exactly the limit. A newer stream of the user closes this one if it is then the oldest.
      const leave = streamsOf.join(user.id, () => {
        // Told why, and to wait before coming back, so a client with too many live devices does not churn.
        send(`retry: ${EVICTED_RETRY_MS}\n`);
        send(formatEvent({ id: lastSent, type: 'events.closed', data: { reason: 'too many streams' } }));
        close();
      });
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        open.delete(close);
        leave();
        void stopListening?.();
        raw.end();
      };
      open.add(close);
      raw.on('close', close);
      try {
        stopListening = await options.hub.listen(user.id, sendNew);
      } catch (error) {
        // Headers are out: end the stream, and the client reconnects (retry: 2000) with Last-Event-ID.
        request.log.warn({ err: error }, 'could not subscribe to device events');
        close();
        return;
      }
      // The client may have gone while subscribing: its close ran before there was anything to stop.
      if (closed) {
        void stopListening();
        return;
      }
      if (raw.destroyed) return close();
      // Catch up once after subscribing: covers the resume and anything that landed meanwhile.
      sendNew();
    },
  );
};

/** How long a stream closed for a newer one asks its client to wait before reconnecting. */
const EVICTED_RETRY_MS = 30_000;

/** Each user's open streams on this instance, oldest first; joining beyond `max` evicts the oldest. */
class StreamsPerUser {
  private readonly streams = new Map<string, Set<() => void>>();

  constructor(private readonly max: number) {}

  /** Counts a stream of the user, evicting their oldest beyond `max`; returns its leave (idempotent). */
  join(userId: string, evict: () => void): () => void {
    let mine = this.streams.get(userId);
    if (!mine) {
      mine = new Set();
      this.streams.set(userId, mine);
    }
    mine.add(evict);
    while (mine.size > this.max) {
      const oldest = mine.values().next().value!;
      mine.delete(oldest);
      oldest();
    }
    const set = mine;
    return () => {
      set.delete(evict);
      if (set.size === 0 && this.streams.get(userId) === set) this.streams.delete(userId);
    };
  }
}
