import { createBaseServer, keySpace, type RedisClient } from '@hark/core';
import { ItemStore, schedulingKeys } from '@hark/scheduling';
import { connectTestRedis } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { EventHub } from '../events/event-hub.js';
import { connectSse, type SseConnection } from '../testing/sse-client.js';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';
import { eventRoutes } from './event-routes.js';

const itemSchema = z.object({ id: z.string(), version: z.number(), createdAt: z.string() });
let router: TestRouter;
let eventsUrl: string;
let ada: string;
let bob: string;
const open: SseConnection[] = [];

/** Starts `app` listening on a free loopback port; returns the URL of its /v1/events. */
async function eventsUrlOf(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/events`;
}

/** An SSE connection to `url`, closed with the others after all tests. */
async function stream(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const connection = await connectSse(url, headers);
  open.push(connection);
  return connection;
}

beforeAll(async () => {
  router = await startTestRouter({ SSE_HEARTBEAT_MS: '1000' });
  eventsUrl = await eventsUrlOf(router.app);
  ada = await router.userWithKey('ada');
  bob = await router.userWithKey('bob');
});
afterAll(async () => {
  for (const connection of open) connection.close();
  await router.close();
});

let counter = 0;
/** An event for `userId` on `target`'s Redis and keys (by default this file's router); returns its id. */
async function emitOn(target: TestRouter, userId: string, type = 'timer.started'): Promise<string> {
  const items = new ItemStore(target.testRedis.redis, target.keys, 'timer', itemSchema, { streamCap: 5 });
  const id = `t${counter++}`;
  const { eventId } = await items.create(userId, {
    next: { id, version: 1, createdAt: new Date().toISOString() },
    event: { type, data: { timer: { id } } },
  });
  return eventId!;
}
const emit = (userId: string, type?: string) => emitOn(router, userId, type);

const events = (key: string, headers: Record<string, string> = {}, query = '') =>
  stream(`${eventsUrl}${query}`, { ...bearer(key), ...headers });

describe('GET /v1/events', () => {
  it('streams new events to every device of the user, and only to that user', async () => {
    const phone = await events(ada);
    const speaker = await events(ada);
    const bobs = await events(bob);
    expect(phone.status).toBe(200);
    await phone.waitFor((f) => f.comment === 'connected');
    await bobs.waitFor((f) => f.comment === 'connected');
    const id = await emit('ada');
    for (const device of [phone, speaker]) {
      const frame = await device.waitFor((f) => f.id === id);
      expect(frame.event).toBe('timer.started');
      expect(JSON.parse(frame.data ?? '{}')).toEqual({
        eventId: id,
        type: 'timer.started',
        data: { timer: { id: expect.any(String) } },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bobs.frames.filter((f) => f.id)).toEqual([]);
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const seen = await emit('ada');
    const missed1 = await emit('ada', 'timer.updated');
    const missed2 = await emit('ada', 'timer.finished');
    const resumed = await events(ada, { 'last-event-id': seen });
    await resumed.waitFor((f) => f.id === missed2);
    expect(resumed.frames.filter((f) => f.id).map((f) => f.id)).toEqual([missed1, missed2]);
    const byQuery = await events(ada, {}, `?lastEventId=${seen}`);
    await byQuery.waitFor((f) => f.id === missed2);
  });

  it('says events.missed when the capped stream trimmed what the client asked for', async () => {
    const first = await emit('bob');
    for (let i = 0; i < 400; i++) await emit('bob');
    const resumed = await events(bob, { 'last-event-id': first });
    await resumed.waitFor((f) => f.event === 'events.missed');
  });

  it('sends heartbeats', async () => {
    const connection = await events(ada);
    await connection.waitFor((f) => f.comment === 'heartbeat', 3_000);
  });

  it('rejects a malformed Last-Event-ID and missing credentials', async () => {
    const bad = await fetch(eventsUrl, {
      headers: { ...bearer(ada), 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('HARK_ERR_VALIDATION');
    const anonymous = await fetch(eventsUrl);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /v1/events, streams per user', () => {
  let capped: TestRouter;
  let url: string;
  beforeAll(async () => {
    capped = await startTestRouter({ EVENT_STREAMS_PER_USER: '2' });
    url = await eventsUrlOf(capped.app);
  });
  afterAll(() => capped.close());
  const connect = (key: string) => stream(url, bearer(key));

  it('closes the oldest stream of a user beyond EVENT_STREAMS_PER_USER, telling it to come back in 30 s', async () => {
    const carol = await capped.userWithKey('carol');
    const dave = await capped.userWithKey('dave');
    const oldest = await connect(carol);
    await oldest.waitFor((f) => f.comment === 'connected');
    const middle = await connect(carol);
    await middle.waitFor((f) => f.comment === 'connected');
    const daves = await connect(dave);
    const newest = await connect(carol);
    expect([oldest.status, middle.status, newest.status]).toEqual([200, 200, 200]);
    const closing = await oldest.waitFor((f) => f.event === 'events.closed');
    expect(closing.retry).toBe('30000');
    expect(JSON.parse(closing.data ?? '{}')).toMatchObject({ data: { reason: 'too many streams' } });
    await oldest.ended;
    // The two newest of carol's and dave's one still get events.
    await newest.waitFor((f) => f.comment === 'connected');
    const id = await emitOn(capped, 'carol');
    for (const live of [middle, newest]) await live.waitFor((f) => f.id === id);
    expect(daves.frames.some((f) => f.event === 'events.closed')).toBe(false);
  });

  it('leaves exactly the limit open when many streams are opened at once', async () => {
    const erin = await capped.userWithKey('erin');
    const burst = await Promise.all(Array.from({ length: 6 }, () => connect(erin)));
    expect(burst.map((c) => c.status)).toEqual(Array(6).fill(200));
    const id = await emitOn(capped, 'erin');
    await vi.waitFor(() => {
      const closed = burst.filter((c) => c.frames.some((f) => f.event === 'events.closed'));
      const reached = burst.filter((c) => c.frames.some((f) => f.id === id));
      expect([closed.length, reached.length]).toEqual([4, 2]);
    });
  });
});

describe('GET /v1/events, a client that leaves while its stream subscribes', () => {
  it('gets its subscription stopped once the subscription is made', async () => {
    const testRedis = await connectTestRedis('events-setup');
    const calls: string[] = [];
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    // A hub whose subscription answers only when the test says so, after the client has gone.
    const slowHub = {
      async listen() {
        calls.push('listen');
        await answered;
        return async () => void calls.push('stop');
      },
    } as unknown as EventHub;
    const app = createBaseServer({ config: { LOG_LEVEL: 'silent', LOG_PRETTY: false, TRUST_PROXY: false } });
    app.decorate<RedisClient>('redis', testRedis.redis);
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      request.user = { id: 'fay', name: 'fay', timezone: null, createdAt: '' };
    });
    await app.register(eventRoutes, {
      hub: slowHub,
      keys: schedulingKeys(keySpace(testRedis.prefix)),
      heartbeatMs: 1_000,
      maxStreamsPerUser: 1,
    });
    const url = await eventsUrlOf(app);
    try {
      const leaving = new AbortController();
      const response = await fetch(url, { signal: leaving.signal });
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(calls).toEqual(['listen']));
      leaving.abort();
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer();
      await vi.waitFor(() => expect(calls).toEqual(['listen', 'stop']));
    } finally {
      await app.close();
      await testRedis.cleanup();
    }
  });
});
