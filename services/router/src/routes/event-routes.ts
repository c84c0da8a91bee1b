import { errorResponseSchema } from '@hark/contracts';
import { currentUser, HarkError, type Keys, openEventStream } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventHub } from '../events/event-hub.js';
import { type DeviceEvent, formatEvent, missedTrimmedEvents, readEventsAfter } from '../events/sse-stream.js';

const streamIdPattern = /^\d{1,20}-\d{1,20}$/;

export interface EventRoutesOptions {
  hub: EventHub;
  keys: Keys;
  heartbeatMs: number;
  /** Streams one user may hold open on this instance (each costs a socket, a timer and a read per event). */
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
 * hold thousands of sockets here, and make every event of theirs cost thousands of reads.
 */
export const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, options) => {
  const open = new Set<() => void>();
  const streamsOf = new StreamCounts(options.maxStreamsPerUser);
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
          'resume. `events.missed` means older events were trimmed: reload state over REST. Comment lines are ' +
          'heartbeats. Try: curl -N.',
        security: [{ apiKey: [] }],
        querystring: eventsQuerySchema,
        response: { 400: errorResponseSchema, 401: errorResponseSchema, 429: errorResponseSchema },
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
      // Taken before the first await, so concurrent opens cannot all pass the check; given back on close.
      const release = streamsOf.take(user.id);
      const streamKey = options.keys.events(user.id);
      let lastSent: string;
      let missed: boolean;
      try {
        // Resume from the given id, or from "now" (the newest id) for a fresh client.
        lastSent =
          resumeFrom ?? (await app.redis.xrevrange(streamKey, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
        missed = resumeFrom !== undefined && (await missedTrimmedEvents(app.redis, streamKey, resumeFrom));
      } catch (error) {
        release();
        throw error;
      }

      const raw = openEventStream(request, reply);
      raw.write(`retry: 2000\n: connected\n\n`);
      if (missed) raw.write(formatEvent({ id: lastSent, type: 'events.missed', data: {} }));

      let reading: Promise<void> = Promise.resolve();
      let closed = false;
      const sendNew = () => {
        // Serialised, so events go out once and in order even when announcements bunch up.
        reading = reading
          .then(async () => {
            let batch: DeviceEvent[];
            do {
              batch = await readEventsAfter(app.redis, streamKey, lastSent);
              for (const event of batch) raw.write(formatEvent(event));
              lastSent = batch.at(-1)?.id ?? lastSent;
            } while (batch.length > 0 && !closed);
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'could not read device events'));
      };

      let stopListening: (() => Promise<void>) | undefined;
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), options.heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        open.delete(close);
        release();
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

/** Open streams per user on this instance, refused beyond `max`. */
class StreamCounts {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more stream for the user, or throws TOO_MANY_STREAMS; returns its release (idempotent). */
  take(userId: string): () => void {
    const count = this.counts.get(userId) ?? 0;
    if (count >= this.max) throw new HarkError('TOO_MANY_STREAMS', { limit: this.max });
    this.counts.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(userId) ?? 1) - 1;
      if (left > 0) this.counts.set(userId, left);
      else this.counts.delete(userId);
    };
  }
}
