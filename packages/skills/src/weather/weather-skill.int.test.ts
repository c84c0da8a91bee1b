import { emptyProfile, type Profile, type Slots } from '@hark/contracts';
import { keySpace } from '@hark/core';
import {
  connectTestRedis,
  defaultWeather,
  deleteByPrefix,
  type OpenMeteoStandIn,
  startOpenMeteoStandIn,
  type TestRedis,
} from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Skill, SkillContext } from '../skill.js';
import { skillKeys } from '../skill-keys.js';
import { testContext } from '../test-context.fixture.js';
import { createOpenMeteoClient } from './open-meteo-client.js';
import { createWeatherSkill, WEATHER_UNAVAILABLE_REPLY } from './weather-skill.js';

const now = new Date('2026-11-26T13:05:00Z');
const parisProfile: Profile = {
  ...emptyProfile,
  location: { name: 'Paris', latitude: 48.85341, longitude: 2.3488, countryCode: 'FR' },
};
let testRedis: TestRedis;
let standIn: OpenMeteoStandIn;
let skill: Skill;
const warnings: { context: Record<string, unknown>; message: string }[] = [];

beforeAll(async () => {
  testRedis = await connectTestRedis('weather-skill');
  standIn = await startOpenMeteoStandIn({ now: () => now });
  const client = createOpenMeteoClient({
    redis: testRedis.redis,
    keys: skillKeys(keySpace(testRedis.prefix)),
    openMeteo: { forecastUrl: standIn.url, geocodingUrl: standIn.url, timeoutMs: 250 },
  });
  skill = createWeatherSkill({ client, warn: (context, message) => warnings.push({ context, message }) });
});
afterAll(async () => {
  await standIn.close();
  await testRedis.cleanup();
});
beforeEach(async () => {
  standIn.reset();
  warnings.length = 0;
  await deleteByPrefix(testRedis.redis, testRedis.prefix);
});

const ask = (text: string, slots: Slots, overrides: Partial<SkillContext> = {}) =>
  skill.handle('weather.get', slots, testContext({ now, text, ...overrides }));

describe('answers the question asked', () => {
  it('rain: probability and amount, in inches for en-US and millimetres for en-GB', async () => {
    const slots = { location: 'paris', day: 'tomorrow' };
    const american = await ask('will it rain tomorrow in paris', slots);
    expect(american.reply.text).toBe(
      'Yes, rain is likely in Paris, France tomorrow: an 85% chance, about 0.25 in.',
    );
    const british = await ask('will it rain tomorrow in paris', slots, { locale: 'en-GB' });
    expect(british.reply.text).toBe(
      'Yes, rain is likely in Paris, France tomorrow: an 85% chance, about 6.4 mm.',
    );
  });

  it('temperature: how hot it is now, in the profile’s units', async () => {
    const hot = defaultWeather();
    hot.current = { ...hot.current, temperatureC: 35.2, apparentC: 36.1 };
    hot.daily[0] = { ...hot.daily[0]!, maxC: 38, minC: 24 };
    standIn.setWeather(33.44838, -112.07404, hot);
    const metric = await ask(
      'how hot is it in phoenix',
      { location: 'phoenix' },
      {
        profile: { ...emptyProfile, units: 'metric' },
      },
    );
    expect(metric.reply.text).toBe(
      "It's hot in Phoenix right now: 35°C. Today's high is 38°C and the low 24°C.",
    );
    const imperial = await ask('how hot is it in phoenix', { location: 'phoenix' });
    expect(imperial.reply.text).toBe(
      "It's hot in Phoenix right now: 95°F. Today's high is 100°F and the low 75°F.",
    );
  });

  it("umbrella: yes or no with the reason, at the profile's location", async () => {
    const today = await ask('do i need an umbrella today', { day: 'today' }, { profile: parisProfile });
    expect(today.reply.text).toBe("No, you won't need an umbrella in Paris today: only a 5% chance of rain.");
    const tomorrow = await ask(
      'do i need an umbrella tomorrow',
      { day: 'tomorrow' },
      { profile: parisProfile },
    );
    expect(tomorrow.reply.text).toMatch(
      /^Yes, take an umbrella: there's an 85% chance of rain in Paris tomorrow/,
    );
  });

  it('general: conditions with high and low, and the structured forecast in data', async () => {
    const result = await ask(
      "what's the weather in tokyo on saturday",
      { location: 'tokyo', day: '2026-11-28' },
      {
        locale: 'en-GB',
      },
    );
    expect(result.reply.text).toBe('On Saturday in Tokyo: partly cloudy skies, high 14°C, low 6°C.');
    expect(result.data).toMatchObject({
      location: { name: 'Tokyo', countryCode: 'JP', timezone: 'Asia/Tokyo', source: 'utterance' },
      question: 'general',
      units: 'metric',
      unitLabels: { temperature: '°C', windSpeed: 'km/h', precipitation: 'mm' },
      date: '2026-11-28',
      current: null,
      day: { date: '2026-11-28', high: 14, low: 6, conditions: 'partly cloudy skies' },
    });
    expect(result.data?.daily).toHaveLength(7);
  });
});

describe('where', () => {
  it('resolves ambiguous names by population and the user’s country', async () => {
    const american = await ask('weather in springfield', { location: 'springfield' });
    expect(american.reply.text).toMatch(/^Right now in Springfield, Missouri it's/);
    const australian = await ask('weather in springfield', { location: 'springfield' }, { locale: 'en-AU' });
    expect(australian.data).toMatchObject({ location: { admin1: 'Queensland' } });
    const qualified = await ask('weather in springfield illinois', { location: 'springfield illinois' });
    expect(qualified.data).toMatchObject({
      location: { admin1: 'Illinois', spokenName: 'Springfield, Illinois' },
    });
  });

  it('asks "For which city?" without a place, and answers the same question next turn', async () => {
    const question = await ask('will it rain tomorrow', { day: 'tomorrow' });
    expect(question).toMatchObject({
      reply: { text: 'For which city?' },
      expectsReply: true,
      followUp: {
        intent: 'weather.get',
        slot: 'location',
        kind: 'location',
        slots: { day: 'tomorrow', question: 'rain' },
      },
    });
    expect(standIn.requests).toHaveLength(0);
    const answer = await ask(
      'london',
      { ...question.followUp!.slots, location: 'london' },
      { locale: 'en-GB' },
    );
    expect(answer.reply.text).toBe('Yes, rain is likely in London tomorrow: an 85% chance, about 6.4 mm.');
  });

  it('says so when nobody knows the place', async () => {
    const result = await ask('weather in narnia', { location: 'narnia' });
    expect(result.reply.text).toBe("I couldn't find a place called narnia.");
    expect(standIn.requestsTo('/v1/forecast')).toHaveLength(0);
  });
});

describe('when', () => {
  it('explains the 7-day limit and refuses the past', async () => {
    const far = await ask('weather in paris on december 10', { location: 'paris', day: '2026-12-10' });
    expect(far.reply.text).toBe(
      'I can only forecast the weather in Paris, France up to 7 days ahead, until Wednesday, December 2. Ask me again closer to Thursday, December 10.',
    );
    const past = await ask('weather in paris yesterday', { location: 'paris', day: '2026-11-20' });
    expect(past.reply.text).toMatch(/can't look back/);
  });
});

describe('caching and failures', () => {
  it('answers a repeated question without calling Open-Meteo again', async () => {
    await ask('weather in oslo', { location: 'oslo' });
    const calls = standIn.requests.length;
    await ask('is it windy in oslo', { location: 'oslo' });
    expect(standIn.requests.length).toBe(calls);
  });

  it.each([
    ['an error status', '/v1/forecast', { kind: 'status', status: 500 }],
    ['a geocoding error', '/v1/search', { kind: 'open-meteo-error', reason: 'Parameter count invalid' }],
    ['a timeout', '/v1/forecast', { kind: 'delay', ms: 1500 }],
    ['malformed JSON', '/v1/forecast', { kind: 'malformed-json' }],
  ] as const)('apologises and logs a warning on %s', async (_what, path, fault) => {
    standIn.fault(path, fault);
    const result = await ask('will it rain in paris', { location: 'paris' });
    expect(result.reply).toEqual({ text: WEATHER_UNAVAILABLE_REPLY, speech: WEATHER_UNAVAILABLE_REPLY });
    expect(result.data).toEqual({ error: 'weather_unavailable' });
    expect(warnings).toEqual([
      {
        message: 'weather service unavailable',
        context: { api: path === '/v1/search' ? 'geocoding' : 'forecast', reason: expect.any(String) },
      },
    ]);
  });
});
