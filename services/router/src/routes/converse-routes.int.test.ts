import { fixedClock } from '@hark/core';
import { createSkillRegistry, timeSkill } from '@hark/skills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

const clock = fixedClock('2026-11-26T13:05:00Z');
let router: TestRouter;
let ada: string;
let bob: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
  ada = await router.userWithKey('ada');
  bob = await router.userWithKey('bob', 'America/New_York');
});
afterAll(() => router.close());

const converse = (key: string, body: Record<string, unknown>) =>
  router.app.inject({ method: 'POST', url: '/v1/converse', headers: bearer(key), payload: body });

describe('POST /v1/converse', () => {
  it('answers the time in Tokyo with a skill, and issues a session id', async () => {
    const response = await converse(ada, { text: 'what time is it in tokyo' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'time.get', slots: { location: 'tokyo' } },
      reply: { text: "It's 10:05 PM in Tokyo.", speech: "It's 10:05 PM in Tokyo." },
      expectsReply: false,
      data: { timeZone: 'Asia/Tokyo' },
    });
    expect(body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.intent.confidence).toBeGreaterThan(0.5);
  });

  it('keeps a session across turns, with a TTL, under the user own keys', async () => {
    const first = (await converse(ada, { text: "what's the date" })).json();
    const second = (await converse(ada, { text: 'what time is it', sessionId: first.sessionId })).json();
    expect(second.sessionId).toBe(first.sessionId);
    const key = `${router.testRedis.prefix}{ada}:session:${first.sessionId}`;
    const stored = JSON.parse((await router.testRedis.redis.get(key)) ?? '{}');
    expect(stored).toMatchObject({ turns: 2, lastIntent: 'time.get' });
    const ttl = await router.testRedis.redis.ttl(key);
    expect(ttl).toBeGreaterThan(250);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('uses the request zone, else the user default, else UTC', async () => {
    const inParis = (await converse(ada, { text: 'what time is it', timezone: 'Europe/Paris' })).json();
    expect(inParis.reply.text).toBe("It's 2:05 PM.");
    const bobDefault = (await converse(bob, { text: 'what time is it' })).json();
    expect(bobDefault.reply.text).toBe("It's 8:05 AM.");
    const adaDefault = (await converse(ada, { text: 'what time is it' })).json();
    expect(adaDefault.data.timeZone).toBe('UTC');
  });

  it('says the date in the right zone and locale', async () => {
    const body = (
      await converse(ada, { text: 'what is the date today', timezone: 'Pacific/Kiritimati', locale: 'en-GB' })
    ).json();
    expect(body.reply.text).toBe('Today is Friday, 27 November 2026.');
  });

  it('explains what Hark can do', async () => {
    const body = (await converse(ada, { text: 'help' })).json();
    expect(body).toMatchObject({ handledBy: 'skill', intent: { name: 'system.help' }, expectsReply: true });
    expect(body.reply.text).toMatch(/time/);
  });

  it.each([
    ['stop', 'Stopped.'],
    ['cancel', 'OK, cancelled.'],
    ['never mind', 'OK, never mind.'],
  ])('"%s" ends the session with a short %j', async (text, said) => {
    const first = (await converse(ada, { text: 'what time is it' })).json();
    const body = (await converse(ada, { text, sessionId: first.sessionId })).json();
    expect(body).toMatchObject({
      handledBy: 'skill',
      reply: { text: said, speech: said },
      expectsReply: false,
      data: { sessionEnded: true },
    });
    expect(body.intent.name).toMatch(/^system\.(stop|cancel|nevermind)$/);
    expect(
      await router.testRedis.redis.exists(`${router.testRedis.prefix}{ada}:session:${first.sessionId}`),
    ).toBe(0);
  });

  it.each([
    ['thanks', "You're welcome."],
    ["ok that's all", 'Okay.'],
  ])('"%s" answers %j and ends the session', async (text, reply) => {
    const first = (await converse(ada, { text: 'what time is it' })).json();
    const body = (await converse(ada, { text, sessionId: first.sessionId })).json();
    expect(body).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'system.thanks' },
      reply: { text: reply, speech: reply },
      expectsReply: false,
      data: { sessionEnded: true },
    });
    expect(
      await router.testRedis.redis.exists(`${router.testRedis.prefix}{ada}:session:${first.sessionId}`),
    ).toBe(0);
  });

  it('falls back helpfully when nothing matches', async () => {
    const body = (await converse(ada, { text: "what's the time complexity of quicksort" })).json();
    expect(body).toMatchObject({ handledBy: 'fallback', intent: null, expectsReply: false });
    expect(body.reply.text).toMatch(/help/);
  });

  it('answers 501 HARK_ERR_SKILL_UNAVAILABLE for intents whose skill is not installed', async () => {
    // Every intent has a skill by default now; a deployment may still install fewer.
    const timeOnly = await startTestRouter({}, { clock, skills: createSkillRegistry([timeSkill]) });
    try {
      const key = await timeOnly.userWithKey('ada');
      const response = await timeOnly.app.inject({
        method: 'POST',
        url: '/v1/converse',
        headers: bearer(key),
        payload: { text: 'set a timer for 10 minutes' },
      });
      expect(response.statusCode).toBe(501);
      expect(response.json()).toEqual({
        error: {
          code: 'HARK_ERR_SKILL_UNAVAILABLE',
          message: expect.stringContaining('timer.start'),
          details: { intent: 'timer.start' },
        },
      });
    } finally {
      await timeOnly.close();
    }
  });

  it('counts answered intents in /metrics', async () => {
    await converse(ada, { text: 'what time is it' });
    const metrics = (await router.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/hark_intents_total\{intent="time.get",handled_by="skill"\} \d+/);
    expect(metrics).toMatch(
      /hark_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/converse"[^}]*status_code="200"/,
    );
  });
});

describe('isolation between users', () => {
  it("a user cannot read or end another user's session", async () => {
    const adaTurn = (await converse(ada, { text: 'what time is it in paris' })).json();
    const adaKey = `${router.testRedis.prefix}{ada}:session:${adaTurn.sessionId}`;
    const before = await router.testRedis.redis.get(adaKey);

    const bobStop = await converse(bob, { text: 'stop', sessionId: adaTurn.sessionId });
    expect(bobStop.statusCode).toBe(200);
    const bobTurn = (await converse(bob, { text: 'what time is it', sessionId: adaTurn.sessionId })).json();
    expect(bobTurn.sessionId).toBe(adaTurn.sessionId);

    expect(await router.testRedis.redis.get(adaKey)).toBe(before);
    const bobSession = JSON.parse(
      (await router.testRedis.redis.get(`${router.testRedis.prefix}{bob}:session:${adaTurn.sessionId}`)) ??
        '{}',
    );
    expect(bobSession).toMatchObject({ turns: 1, lastIntent: 'time.get' });
  });
});

describe('interaction events', () => {
  it('records each skill and fallback turn for the insights, with the tier', async () => {
    const key = await router.userWithKey('ivy');
    await converse(key, { text: 'what time is it' });
    await converse(key, { text: 'tell me a story about dragons' });
    const stream = router.keys.interactions();
    let entries: [string, string[]][] = [];
    for (let attempt = 0; attempt < 50 && entries.length < 2; attempt++) {
      entries = (await router.testRedis.redis.xrange(stream, '-', '+')).filter(([, fields]) =>
        fields.includes('ivy'),
      );
      if (entries.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const asObjects = entries.map(([, fields]) =>
      Object.fromEntries(fields.flatMap((v, i) => (i % 2 ? [] : [[v, fields[i + 1]]]))),
    );
    expect(asObjects).toEqual([
      expect.objectContaining({
        userId: 'ivy',
        handledBy: 'skill',
        intent: 'time.get',
        outcome: 'ok',
        plan: 'free',
      }),
      expect.objectContaining({ userId: 'ivy', handledBy: 'fallback', outcome: 'ok', plan: 'free' }),
    ]);
  });
});
