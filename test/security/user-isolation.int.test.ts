// One user can never reach another's data: Ada, holding a valid key of her own, tries every way
// into Bob's timers, alarms, reminders, lists, sessions, conversation memory, usage, speech links
// and live events, through the whole stack (router -> conversation -> OpenAI stand-in, and the
// entitlement service behind the router's proxy).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSse, type SseConnection } from '../../services/router/src/testing/sse-client.js';
import { silentWav } from '../../services/router/src/testing/wav-fixture.js';
import { type HostileStack, startHostileStack } from './support/hostile-stack.js';

let stack: HostileStack;
let ada: string;
let bob: string;
const sse: SseConnection[] = [];

beforeAll(async () => {
  stack = await startHostileStack('isolation');
  ada = (await stack.userWithKey('ada', 'premium')).key;
  bob = (await stack.userWithKey('bob', 'premium')).key;
});
afterAll(async () => {
  for (const connection of sse) connection.close();
  await stack?.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (
  key: string,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  stack.router.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const say = async (key: string, text: string, sessionId?: string) => {
  const response = await call(key, 'POST', '/v1/converse', sessionId ? { text, sessionId } : { text });
  expect(response.statusCode).toBe(200);
  return response.json();
};
const expectNotFound = (response: { statusCode: number; json(): { error: { code: string } } }) => {
  expect(response.statusCode).toBe(404);
  expect(response.json().error.code).toBe('HARK_ERR_NOT_FOUND');
};

describe.each([
  {
    kind: 'timers',
    item: 'timer',
    create: { durationSeconds: 900, name: 'secret' },
    patch: { action: 'pause' },
  },
  {
    kind: 'alarms',
    item: 'alarm',
    create: { time: '06:15', label: 'secret', timezone: 'Europe/Paris' },
    patch: { action: 'snooze', minutes: 5 },
  },
  {
    kind: 'reminders',
    item: 'reminder',
    create: { text: 'secret meeting', inSeconds: 3600 },
    patch: { action: 'reschedule', inSeconds: 60 },
  },
])("Bob's $kind", ({ kind, item, create, patch }) => {
  it('cannot be listed, read, changed or deleted by Ada, and stay as Bob left them', async () => {
    const created = await call(bob, 'POST', `/v1/${kind}`, create);
    expect(created.statusCode).toBe(201);
    const bobs = created.json()[item];
    const url = `/v1/${kind}/${bobs.id}`;

    const listed = (await call(ada, 'GET', `/v1/${kind}`)).json()[kind] as { id: string }[];
    expect(listed.map((entry) => entry.id)).not.toContain(bobs.id);
    expectNotFound(await call(ada, 'GET', url));
    expectNotFound(await call(ada, 'PATCH', url, patch));
    expectNotFound(await call(ada, 'DELETE', url));
    // Bob's own id in a path of Ada's: the ids are not global, so nothing of his is reachable.
    expectNotFound(await call(ada, 'GET', `/v1/${kind}/${encodeURIComponent(`{bob}:${item}:${bobs.id}`)}`));

    const after = await call(bob, 'GET', url);
    expect(after.statusCode).toBe(200);
    expect(after.json()[item]).toEqual({ ...bobs, ...pickVolatile(after.json()[item]) });
  });
});

/** Remaining time moves on its own; everything else of an untouched item must be unchanged. */
function pickVolatile(item: Record<string, unknown>): Record<string, unknown> {
  return 'remainingMs' in item ? { remainingMs: item.remainingMs } : {};
}

describe("Bob's lists", () => {
  it('are invisible to Ada, and her changes under the same name touch only her own list', async () => {
    expect((await call(bob, 'POST', '/v1/lists', { name: 'surprise' })).statusCode).toBe(201);
    await call(bob, 'POST', '/v1/lists/surprise/items', { items: ['cake', 'balloons'] });

    const adaLists = (await call(ada, 'GET', '/v1/lists')).json().lists as { name: string }[];
    expect(adaLists.map((list) => list.name)).not.toContain('surprise');
    expectNotFound(await call(ada, 'GET', '/v1/lists/surprise/items'));
    expectNotFound(await call(ada, 'DELETE', '/v1/lists/surprise'));
    expect([404, 200]).toContain(
      (await call(ada, 'DELETE', '/v1/lists/surprise/items?item=cake')).statusCode,
    );
    // By voice too: "read my surprise list" answers from Ada's lists only.
    const spoken = await say(ada, 'what is on my surprise list');
    expect(JSON.stringify(spoken)).not.toMatch(/cake|balloons/);

    const bobsItems = (await call(bob, 'GET', '/v1/lists/surprise/items')).json().items as { text: string }[];
    expect(bobsItems.map((entry) => entry.text)).toEqual(['cake', 'balloons']);
  });
});

describe("Bob's conversation sessions", () => {
  it("a pending question of Bob's session is not answered by Ada using his session id", async () => {
    const question = await say(bob, 'remind me');
    expect(question.expectsReply).toBe(true);
    const adaTurn = await say(ada, 'call the locksmith', question.sessionId);
    // Ada's turn starts from nothing: no follow-up of Bob's reminder, no reminder for anyone.
    expect(adaTurn.intent).toBeNull();
    expect(adaTurn.expectsReply).toBe(false);
    expect((await call(ada, 'GET', '/v1/reminders')).json().reminders).toEqual([]);
    // Bob's session still waits for his answer.
    const bobsAnswer = await say(bob, 'call mom', question.sessionId);
    expect(bobsAnswer.expectsReply).toBe(true);
    expect(bobsAnswer.reply.text).toMatch(/when/i);
  });

  it("the LLM never sees Bob's conversation when Ada reuses his session id", async () => {
    const sessionId = '7b0c1a52-4b7e-4f57-9d53-1c5f1d0e2a11';
    stack.openAi.reset();
    await say(bob, 'Keep this in mind: my locker code is 4711', sessionId);
    await say(bob, 'And my favourite colour is teal', sessionId);
    const bobsSecondCall = JSON.stringify(stack.openAi.requests.at(-1)!.messages);
    expect(bobsSecondCall, 'memory works, so its absence below means something').toContain('4711');

    await say(ada, 'What is my locker code?', sessionId);
    const adasCall = JSON.stringify(stack.openAi.requests.at(-1)!.messages);
    expect(adasCall).toContain('What is my locker code?');
    expect(adasCall).not.toMatch(/4711|teal|locker code is/);
  });
});

describe("Bob's usage and account", () => {
  it("Ada's /v1/me is hers whatever she adds; Bob's LLM turns show in his usage only", async () => {
    const me = async (key: string, url = '/v1/me', headers: Record<string, string> = {}) => {
      const response = await call(key, 'GET', url, undefined, headers);
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const adaBefore = await me(ada);
    const bobBefore = await me(bob);
    await say(bob, 'Tell me a joke about otters');
    const bobAfter = await me(bob);
    expect(bobAfter.usage).not.toEqual(bobBefore.usage);
    expect((await me(ada)).usage).toEqual(adaBefore.usage);
    for (const [url, headers] of [
      ['/v1/me?userId=bob', {}],
      ['/v1/me?user=bob&id=bob', {}],
      ['/v1/me', { 'x-user-id': 'bob', 'x-hark-user': 'bob', 'x-forwarded-user': 'bob' }],
    ] as const) {
      const body = await me(ada, url, headers);
      expect(body.user.id, url).toBe('ada');
      expect(body.usage).toEqual(adaBefore.usage);
    }
  });

  it("Ada's key opens none of the operator routes about Bob", async () => {
    for (const [method, url] of [
      ['GET', '/admin/users/bob'],
      ['GET', '/admin/users/bob/entitlements'],
      ['POST', '/admin/users/bob/keys'],
      ['PUT', '/admin/users/bob/grant'],
      ['GET', '/admin/audit'],
    ] as const) {
      const response = await call(ada, method, url, method === 'PUT' ? { plan: 'premium' } : undefined);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('HARK_ERR_FORBIDDEN');
    }
  });
});

describe("Bob's speech links", () => {
  it('answer 404 to Ada, however she asks, and still play for Bob', async () => {
    const upload = await stack.router.inject({
      method: 'POST',
      url: '/v1/converse/audio',
      headers: { authorization: `Bearer ${bob}`, 'content-type': 'audio/wav' },
      payload: silentWav(1),
    });
    expect(upload.statusCode).toBe(200);
    const audioUrl: string = upload.json().reply.audioUrl;
    expect(audioUrl).toMatch(/^\/v1\/speech\//);
    expectNotFound(await call(ada, 'GET', audioUrl));
    expectNotFound(await call(ada, 'GET', `${audioUrl}?userId=bob`));
    expect((await call(bob, 'GET', audioUrl)).statusCode).toBe(200);
  });
});

describe("Bob's live events", () => {
  let base: string;
  beforeAll(async () => {
    await stack.router.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(stack.router.server.address() as AddressInfo).port}`;
  });
  const listen = async (key: string, headers: Record<string, string> = {}) => {
    const connection = await connectSse(`${base}/v1/events`, { authorization: `Bearer ${key}`, ...headers });
    sse.push(connection);
    expect(connection.status).toBe(200);
    await connection.waitFor((frame) => frame.comment === 'connected');
    return connection;
  };

  it("never reach Ada, live or replayed, even with Bob's event ids", async () => {
    const adas = await listen(ada);
    const bobs = await listen(bob);
    const timer = (await call(bob, 'POST', '/v1/timers', { durationSeconds: 120, name: 'bob-only' })).json()
      .timer;
    const bobsEvent = await bobs.waitFor((frame) => frame.data?.includes(timer.id) ?? false);
    // Ada's own event after Bob's: once it arrives, Bob's would have too.
    const mine = (await call(ada, 'POST', '/v1/timers', { durationSeconds: 60, name: 'ada-only' })).json()
      .timer;
    await adas.waitFor((frame) => frame.data?.includes(mine.id) ?? false);
    expect(JSON.stringify(adas.frames)).not.toContain('bob-only');

    // Replaying from the start, or from just before Bob's event id, gives Ada her own events only.
    const before = `${BigInt(bobsEvent.id!.split('-')[0]!) - 1n}-0`;
    for (const lastEventId of ['0-0', before]) {
      const replay = await listen(ada, { 'last-event-id': lastEventId });
      await replay.waitFor((frame) => frame.data?.includes(mine.id) ?? false);
      expect(JSON.stringify(replay.frames), lastEventId).not.toContain('bob-only');
    }
    // Ada's failed attempt on Bob's timer sends Bob nothing either.
    expectNotFound(await call(ada, 'DELETE', `/v1/timers/${timer.id}`));
    expect((await call(bob, 'PATCH', `/v1/timers/${timer.id}`, { action: 'pause' })).statusCode).toBe(200);
    const next = await bobs.waitFor((frame) => frame.event === 'timer.updated');
    expect(JSON.stringify(JSON.parse(next.data!).data)).toMatch(
      new RegExp(`${timer.id}.*PAUSED|PAUSED.*${timer.id}`),
    );
    expect(bobs.frames.filter((frame) => frame.event === 'timer.cancelled')).toEqual([]);
  });
});
