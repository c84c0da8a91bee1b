import { fixedClock } from '@hark/core';
import { deleteByPrefix, type OpenMeteoStandIn, startOpenMeteoStandIn } from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

const clock = fixedClock('2026-11-26T13:05:00Z');
let standIn: OpenMeteoStandIn;
let router: TestRouter;
let ada: string;

beforeAll(async () => {
  standIn = await startOpenMeteoStandIn({ now: () => clock.now() });
  router = await startTestRouter({ WEATHER_API_URL: standIn.url, GEOCODING_API_URL: standIn.url }, { clock });
  ada = await router.userWithKey('ada');
});
afterAll(async () => {
  await router.close();
  await standIn.close();
});
beforeEach(async () => {
  standIn.reset();
  // Forget cached forecasts so each test sees its own stand-in setup.
  await deleteByPrefix(router.testRedis.redis, `${router.testRedis.prefix}cache:`);
});

const converse = async (body: Record<string, unknown>) => {
  const response = await router.app.inject({
    method: 'POST',
    url: '/v1/converse',
    headers: bearer(ada),
    payload: body,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
};

describe('weather on /v1/converse', () => {
  it('answers from the stand-in in the user’s units, with the forecast in data', async () => {
    const metric = await converse({ text: "what's the weather in paris tomorrow", locale: 'en-GB' });
    expect(metric).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'weather.get', slots: { location: 'paris', day: 'tomorrow' } },
      reply: { text: 'Tomorrow in Paris, France: rain, high 11°C, low 7°C.' },
      expectsReply: false,
      data: { units: 'metric', date: '2026-11-27', location: { countryCode: 'FR' } },
    });
    expect(metric.data.daily).toHaveLength(7);
    const imperial = await converse({ text: "what's the weather in paris tomorrow" });
    expect(imperial.reply.text).toBe('Tomorrow in Paris, France: rain, high 52°F, low 45°F.');
  });

  it('serves a repeated question from the cache', async () => {
    await converse({ text: "what's the weather in chicago" });
    const upstreamCalls = standIn.requests.length;
    await converse({ text: "what's the weather like in chicago" });
    expect(standIn.requests.length).toBe(upstreamCalls);
  });

  it.each([
    ['an error status', { kind: 'status', status: 500 }],
    ['malformed JSON', { kind: 'malformed-json' }],
  ] as const)('says it cannot reach the weather service on %s, never a 500', async (_what, fault) => {
    standIn.fault('/v1/forecast', fault);
    const body = await converse({ text: "what's the weather in oslo" });
    expect(body).toMatchObject({
      handledBy: 'skill',
      reply: { text: "I can't reach the weather service right now." },
      data: { error: 'weather_unavailable' },
    });
  });

  it('gives up on a silent Open-Meteo after the production timeout of 2 s', async () => {
    standIn.fault('/v1/forecast', { kind: 'delay', ms: 5000 });
    const started = performance.now();
    const body = await converse({ text: "what's the weather in tokyo" });
    const elapsed = performance.now() - started;
    expect(body.reply.text).toBe("I can't reach the weather service right now.");
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(3000);
  });

  it('asks for the city when there is no place, keeping the question in the session', async () => {
    const question = await converse({ text: 'will it rain tomorrow' });
    expect(question).toMatchObject({ reply: { text: 'For which city?' }, expectsReply: true });
    const session = JSON.parse(
      (await router.testRedis.redis.get(`${router.testRedis.prefix}{ada}:session:${question.sessionId}`)) ??
        '{}',
    );
    expect(session.pending).toMatchObject({ intent: 'weather.get', slot: 'location', kind: 'location' });
    expect(standIn.requests).toHaveLength(0);
  });

  it('answers the follow-up in the same session', async () => {
    const question = await converse({ text: "what's the weather", locale: 'en-GB' });
    const answer = await converse({ text: 'london', sessionId: question.sessionId, locale: 'en-GB' });
    expect(answer).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'weather.get', slots: { location: 'london' } },
      expectsReply: false,
    });
    expect(answer.reply.text).toMatch(/^Right now in London it's 12°C/);
  });
});

describe('unit conversion on /v1/converse', () => {
  it.each([
    ['convert 5 kilograms to pounds', '5 kilograms is 11 pounds.'],
    ['how many cups in a liter', '1 liter is 4.23 cups.'],
    ['what is 100 fahrenheit in celsius', '100 degrees Fahrenheit is 37.8 degrees Celsius.'],
    ['convert five point five miles to km', '5.5 miles is 8.85 kilometers.'],
  ])('"%s"', async (text, reply) => {
    expect((await converse({ text })).reply.text).toBe(reply);
  });
});
