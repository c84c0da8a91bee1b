import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultWeather } from './open-meteo-fixtures.js';
import { type OpenMeteoStandIn, startOpenMeteoStandIn } from './open-meteo-stand-in.js';

let standIn: OpenMeteoStandIn;

beforeAll(async () => {
  standIn = await startOpenMeteoStandIn({ now: () => new Date('2026-11-26T23:30:00Z') });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const get = async (path: string, params: Record<string, string>) => {
  const response = await fetch(`${standIn.url}${path}?${new URLSearchParams(params)}`);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON came back
  return { status: response.status, body: (await response.json()) as any };
};

const forecastParams = {
  latitude: '48.85',
  longitude: '2.35',
  current: 'temperature_2m,weather_code',
  daily: 'temperature_2m_max,precipitation_sum,precipitation_probability_max',
  timezone: 'auto',
};

describe('Open-Meteo stand-in', () => {
  it('geocodes like /v1/search: prefix matches, accents ignored, no "results" key when none', async () => {
    const { body } = await get('/v1/search', { name: 'springf', count: '2' });
    expect(body.results).toHaveLength(2);
    expect(body.results[0]).toMatchObject({ name: 'Springfield', country_code: 'US', admin1: 'Illinois' });
    expect(body.results[0]).not.toHaveProperty('utcOffsetSeconds');
    expect((await get('/v1/search', { name: 'OSLO' })).body.results[0].timezone).toBe('Europe/Oslo');
    expect((await get('/v1/search', { name: 'narnia' })).body).toEqual({ generationtime_ms: 0.4 });
  });

  it('forecasts like /v1/forecast: only the variables asked, days from the place’s own date', async () => {
    const { status, body } = await get('/v1/forecast', forecastParams);
    expect(status).toBe(200);
    expect(body).toMatchObject({ timezone: 'Europe/Paris', utc_offset_seconds: 3600 });
    // 23:30 UTC is already 00:30 the next day in Paris.
    expect(body.current).toEqual({
      time: '2026-11-27T00:30',
      interval: 900,
      temperature_2m: 12.3,
      weather_code: 2,
    });
    expect(body.current_units).toMatchObject({ temperature_2m: '°C', weather_code: 'wmo code' });
    expect(body.daily.time[0]).toBe('2026-11-27');
    expect(Object.keys(body.daily)).toEqual([
      'time',
      'temperature_2m_max',
      'precipitation_sum',
      'precipitation_probability_max',
    ]);
  });

  it('converts to Fahrenheit, mph and inches when asked', async () => {
    const { body } = await get('/v1/forecast', {
      ...forecastParams,
      current: 'temperature_2m,wind_speed_10m',
      temperature_unit: 'fahrenheit',
      wind_speed_unit: 'mph',
      precipitation_unit: 'inch',
    });
    expect(body.current).toMatchObject({ temperature_2m: 54.1, wind_speed_10m: 7 });
    expect(body.daily.precipitation_sum[1]).toBe(0.252);
    expect(body.daily_units).toMatchObject({ temperature_2m_max: '°F', precipitation_sum: 'inch' });
  });

  it('serves weather set for coordinates, and records every request', async () => {
    const snowy = defaultWeather();
    snowy.daily[0] = { ...snowy.daily[0]!, weatherCode: 73 };
    standIn.setWeather(48.853, 2.349, snowy);
    await get('/v1/forecast', { ...forecastParams, daily: 'weather_code' });
    expect(standIn.requestsTo('/v1/forecast')).toHaveLength(1);
    expect(standIn.requests[0]?.params.daily).toBe('weather_code');
  });

  it('refuses what Open-Meteo refuses, with its error shape', async () => {
    const unknown = await get('/v1/forecast', { ...forecastParams, daily: 'temperature_max' });
    expect(unknown).toEqual({
      status: 400,
      body: {
        error: true,
        reason: 'Cannot initialize ForecastVariable from invalid String value temperature_max for key daily',
      },
    });
    expect((await get('/v1/forecast', { latitude: '1' })).status).toBe(400);
    expect((await get('/v1/forecast', { ...forecastParams, temperature_unit: 'kelvin' })).status).toBe(400);
  });

  it('fails on demand: statuses, error bodies, malformed JSON, delays', async () => {
    standIn.fault('/v1/search', { kind: 'status', status: 500 });
    expect((await get('/v1/search', { name: 'paris' })).status).toBe(500);
    standIn.fault('/v1/search', { kind: 'malformed-json' });
    const malformed = await fetch(`${standIn.url}/v1/search?name=paris`);
    await expect(malformed.json()).rejects.toThrow();
    standIn.fault('/v1/forecast', { kind: 'delay', ms: 150 });
    const started = performance.now();
    expect((await get('/v1/forecast', forecastParams)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
