import { createBaseServer, createKeys, ItemStore, type RedisClient } from '@hark/core';
import { connectTestRedis } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { EventHub } from '../events/event-hub.js';
import { connectSse, type SseConnection } from '../testing/sse-client.js';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';
import { eventRoutes } from './event-routes.js';

const itemSchema = z.object({ id: z.string(), version: z.number(), createdAt: z.string() });
let router: TestRouter;
let base: string;
let ada: string;
let bob: string;
let store: ItemStore<z.infer<typeof itemSchema>>;
const open: SseConnection[] = [];

beforeAll(async () => {
  router = await startTestRouter({ SSE_HEARTBEAT_MS: '1000' });
  await router.app.listen({ port: 0, host: '127.0.0.1' });
  const address = router.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  ada = await router.userWithKey('ada');
  bob = await router.userWithKey('bob');
  store = new ItemStore(router.testRedis.redis, router.app.keys, 'timer', itemSchema, { streamCap: 5 });
});
afterAll(async () => {
  for (const connection of open) connection.close();
  await router.close();
});

let counter = 0;
async function emit(userId: string, type = 'timer.started'): Promise<string> {
  const id = `t${counter++}`;
  const { eventId } = await store.create(userId, {
    next: { id, version: 1, createdAt: new Date().toISOString() },
    event: { type, data: { timer: { id } } },
  });
  return eventId!;
}

async function events(key: string, headers: Record<string, string> = {}, query = ''): Promise<SseConnection> {
  const connection = await connectSse(`${base}/v1/events${query}`, { ...bearer(key), ...headers });
  open.push(connection);
  return connection;
}

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
    const bad = await fetch(`${base}/v1/events`, {
      headers: { ...bearer(ada), 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('HARK_ERR_VALIDATION');
    const anonymous = await fetch(`${base}/v1/events`);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /v1/events, streams per user', () => {
  let capped: TestRouter;
  let url: string;
  const held: SseConnection[] = [];
  beforeAll(async () => {
    capped = await startTestRouter({ EVENT_STREAMS_PER_USER: '2' });
    await capped.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(capped.app.server.address() as { port: number }).port}/v1/events`;
  });
  afterAll(async () => {
    for (const connection of held) connection.close();
    await capped.close();
  });
  const connect = async (key: string) => {
    const connection = await connectSse(url, bearer(key));
    held.push(connection);
    return connection;
  };

  it('refuses a user more than EVENT_STREAMS_PER_USER at once, with 429 TOO_MANY_STREAMS; others are not affected', async () => {
    const carol = await capped.userWithKey('carol');
    const dave = await capped.userWithKey('dave');
    const [first, second] = [await connect(carol), await connect(carol)];
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await fetch(url, { headers: bearer(carol) });
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({
      error: {
        code: 'HARK_ERR_TOO_MANY_STREAMS',
        message: 'You already have 2 event streams open on this server, the most allowed; close one first',
      },
    });
    expect((await connect(dave)).status).toBe(200);
  });

  it('gives the place back when a stream closes, and lets only the limit through when opened all at once', async () => {
    const erin = await capped.userWithKey('erin');
    const burst = await Promise.all(Array.from({ length: 6 }, () => connect(erin)));
    expect(burst.map((c) => c.status).sort()).toEqual([200, 200, 429, 429, 429, 429]);
    const opened = burst.filter((c) => c.status === 200);
    await opened[0]!.waitFor((f) => f.comment === 'connected');
    opened[0]!.close();
    let next = await connect(erin);
    for (let attempt = 0; next.status !== 200 && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      next = await connect(erin);
    }
    expect(next.status).toBe(200);
    expect((await fetch(url, { headers: bearer(erin) })).status).toBe(429);
  });
});

describe('GET /v1/events, a client that leaves while its stream is being set up', () => {
  it('gets its subscription stopped and its place given back', async () => {
    const testRedis = await connectTestRedis('events-setup');
    const calls: string[] = [];
    let subscribed!: () => void;
    const subscribing = new Promise<void>((resolve) => (subscribed = resolve));
    // A hub whose subscription answers only once the client has gone.
    const slowHub = {
      async listen() {
        calls.push('listen');
        await subscribing;
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
      keys: createKeys(testRedis.prefix),
      heartbeatMs: 1_000,
      maxStreamsPerUser: 1,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/events`;
    try {
      const leaving = new AbortController();
      const response = await fetch(url, { signal: leaving.signal });
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(calls).toEqual(['listen']));
      leaving.abort();
      await new Promise((resolve) => setTimeout(resolve, 50));
      subscribed();
      await vi.waitFor(() => expect(calls).toEqual(['listen', 'stop']));
      // Its place is free again (the limit is 1).
      const next = new AbortController();
      expect((await fetch(url, { signal: next.signal })).status).toBe(200);
      next.abort();
    } finally {
      await app.close();
      await testRedis.cleanup();
    }
  });
});
