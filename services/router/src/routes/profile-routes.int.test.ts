import { fixedClock } from '@hark/core';
import { type OpenMeteoStandIn, startOpenMeteoStandIn } from '@hark/testing';
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
beforeEach(() => standIn.reset());

const getProfile = async (key = ada) =>
  (await router.app.inject({ method: 'GET', url: '/v1/profile', headers: bearer(key) })).json();
const patch = (payload: Record<string, unknown>, key = ada) =>
  router.app.inject({ method: 'PATCH', url: '/v1/profile', headers: bearer(key), payload });

describe('/v1/profile', () => {
  it('starts empty and takes each field, canonicalised', async () => {
    expect(await getProfile()).toEqual({ timezone: null, location: null, units: null, locale: null });
    const response = await patch({ timezone: 'europe/paris', locale: 'en-gb', units: 'metric' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      timezone: 'Europe/Paris',
      location: null,
      units: 'metric',
      locale: 'en-GB',
    });
    expect(await getProfile()).toMatchObject({ timezone: 'Europe/Paris', locale: 'en-GB' });
  });

  it('stores a complete location as given, and leaves fields not sent alone', async () => {
    const oslo = { name: 'Home', latitude: 59.91, longitude: 10.75, countryCode: 'NO' };
    expect((await patch({ location: oslo })).json()).toMatchObject({ location: oslo, units: 'metric' });
    expect(standIn.requests).toHaveLength(0);
  });

  it('geocodes a location given by name', async () => {
    const american = await router.userWithKey('amy');
    const response = await patch({ location: { name: 'Springfield' } }, american);
    expect(response.json().location).toEqual({
      name: 'Springfield, Missouri',
      latitude: 37.21533,
      longitude: -93.29824,
      countryCode: 'US',
    });
    const unknown = await patch({ location: { name: 'Narnia' } }, american);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'HARK_ERR_UNKNOWN_LOCATION' });
  });

  it('answers 503 when the geocoder is down, and stores nothing', async () => {
    standIn.fault('/v1/search', { kind: 'status', status: 502 });
    const response = await patch({ location: { name: 'Chicago' }, units: 'imperial' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('HARK_ERR_UNAVAILABLE');
    expect((await getProfile()).units).not.toBe('imperial');
  });

  it('clears fields with null', async () => {
    await patch({ units: 'imperial', locale: 'en-US' });
    const cleared = (await patch({ units: null, locale: null, timezone: null })).json();
    expect(cleared).toMatchObject({ units: null, locale: null, timezone: null });
  });

  it.each([
    [{ timezone: 'Mars/Olympus_Mons' }, 400, 'HARK_ERR_INVALID_TIMEZONE'],
    [{ locale: 'not a locale!' }, 400, 'HARK_ERR_INVALID_LOCALE'],
    [{ locale: 'fr-FR' }, 400, 'HARK_ERR_UNSUPPORTED_LOCALE'],
    [{ units: 'furlongs' }, 400, 'HARK_ERR_VALIDATION'],
    [{ location: { name: 'X', latitude: 200, longitude: 0 } }, 400, 'HARK_ERR_VALIDATION'],
    [{ location: { latitude: 1, longitude: 2 } }, 400, 'HARK_ERR_VALIDATION'],
    [{ colour: 'blue' }, 400, 'HARK_ERR_VALIDATION'],
  ])('refuses %j', async (body, status, code) => {
    const response = await patch(body);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('is what the skills use by default', async () => {
    const user = await router.userWithKey('bea');
    await patch({ timezone: 'Asia/Tokyo', units: 'metric', location: { name: 'Tokyo' } }, user);
    const converse = async (text: string) =>
      (
        await router.app.inject({
          method: 'POST',
          url: '/v1/converse',
          headers: bearer(user),
          payload: { text },
        })
      ).json();
    expect((await converse('what time is it')).reply.text).toBe("It's 10:05 PM.");
    // Metric from the profile, although the default locale (en-US) would say Fahrenheit.
    const weather = await converse("what's the weather");
    expect(weather.reply.text).toMatch(/^Right now in Tokyo it's 12°C/);
    expect(weather.data.location).toMatchObject({ name: 'Tokyo', source: 'profile' });
  });
});
