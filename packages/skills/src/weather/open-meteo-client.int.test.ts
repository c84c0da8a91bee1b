import { keySpace } from '@hark/core';
import {
  connectTestRedis,
  deleteByPrefix,
  type OpenMeteoStandIn,
  startOpenMeteoStandIn,
  type TestRedis,
} from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skillKeys } from '../skill-keys.js';
import { createOpenMeteoClient, type OpenMeteoClient, WeatherUnavailableError } from './open-meteo-client.js';

const TIMEOUT_MS = 300;
let testRedis: TestRedis;
let standIn: OpenMeteoStandIn;
let client: OpenMeteoClient;

const newClient = () =>
  createOpenMeteoClient({
    redis: testRedis.redis,
    keys: skillKeys(keySpace(testRedis.prefix)),
    openMeteo: { forecastUrl: standIn.url, geocodingUrl: standIn.url, timeoutMs: TIMEOUT_MS },
  });

beforeAll(async () => {
  testRedis = await connectTestRedis('open-meteo');
  standIn = await startOpenMeteoStandIn({ now: () => new Date('2026-11-26T13:05:00Z') });
  client = newClient();
});
afterAll(async () => {
  await standIn.close();
  await testRedis.cleanup();
});
beforeEach(async () => {
  standIn.reset();
  await deleteByPrefix(testRedis.redis, testRedis.prefix);
});

const cacheTtl = (namespace: string, key: string) =>
  testRedis.redis.ttl(skillKeys(keySpace(testRedis.prefix)).cache(namespace, key));

describe('geocoding', () => {
  it('searches with the documented parameters and caches the answer for days', async () => {
    const results = await client.searchPlaces('Springfield');
    expect(results.map((r) => r.admin1)).toEqual(['Illinois', 'Missouri', 'Massachusetts', 'Queensland']);
    expect(standIn.requestsTo('/v1/search')).toEqual([
      { path: '/v1/search', params: { name: 'springfield', count: '10', language: 'en', format: 'json' } },
    ]);
    await client.searchPlaces('  springfield ');
    expect(standIn.requestsTo('/v1/search')).toHaveLength(1);
    expect(await cacheTtl('geocoding', 'springfield')).toBeGreaterThan(6 * 24 * 3600);
  });

  it('caches "no such place" for a day', async () => {
    expect(await client.searchPlaces('narnia')).toEqual([]);
    expect(await client.searchPlaces('narnia')).toEqual([]);
    expect(standIn.requestsTo('/v1/search')).toHaveLength(1);
    const ttl = await cacheTtl('geocoding', 'narnia');
    expect(ttl).toBeGreaterThan(23 * 3600);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);
  });
});

describe('forecast', () => {
  it('asks for current and daily variables in the units wanted, at rounded coordinates', async () => {
    const forecast = await client.forecast(48.85341, 2.3488, 'metric');
    expect(forecast.timezone).toBe('Europe/Paris');
    expect(forecast.daily.time).toHaveLength(7);
    expect(standIn.requestsTo('/v1/forecast')[0]?.params).toEqual({
      latitude: '48.85',
      longitude: '2.35',
      current:
        'temperature_2m,apparent_temperature,precipitation,weather_code,wind_speed_10m,relative_humidity_2m',
      daily:
        'weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max,wind_speed_10m_max',
      timezone: 'auto',
      forecast_days: '7',
      temperature_unit: 'celsius',
      wind_speed_unit: 'kmh',
      precipitation_unit: 'mm',
    });
    const imperial = await client.forecast(48.85341, 2.3488, 'imperial');
    expect(imperial.current.temperature_2m).toBeCloseTo((forecast.current.temperature_2m * 9) / 5 + 32, 0);
    expect(standIn.requestsTo('/v1/forecast')[1]?.params).toMatchObject({
      temperature_unit: 'fahrenheit',
      wind_speed_unit: 'mph',
      precipitation_unit: 'inch',
    });
  });

  it('serves nearby coordinates and repeated questions from the cache for 10 minutes', async () => {
    await client.forecast(48.8512, 2.3488, 'metric');
    await client.forecast(48.8534, 2.3511, 'metric');
    expect(standIn.requestsTo('/v1/forecast')).toHaveLength(1);
    const ttl = await cacheTtl('forecast', '48.85,2.35:metric');
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('makes one upstream call for many concurrent identical requests', async () => {
    standIn.fault('/v1/forecast', { kind: 'delay', ms: 100 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => client.forecast(51.5, -0.12, 'metric')),
    );
    expect(standIn.requestsTo('/v1/forecast')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.current.temperature_2m)).size).toBe(1);
  });

  it('makes one upstream call when several instances ask at once (Redis lock)', async () => {
    standIn.fault('/v1/forecast', { kind: 'delay', ms: 150 });
    const instances = [newClient(), newClient(), newClient()];
    await Promise.all(instances.map((instance) => instance.forecast(35.69, 139.69, 'metric')));
    expect(standIn.requestsTo('/v1/forecast')).toHaveLength(1);
  });
});

describe('upstream failures', () => {
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WeatherUnavailableError);
    return error as WeatherUnavailableError;
  };

  it('reports error statuses with Open-Meteo’s reason', async () => {
    standIn.fault('/v1/forecast', {
      kind: 'open-meteo-error',
      reason: 'Latitude must be in range of -90 to 90°.',
    });
    expect((await failure(client.forecast(10, 10, 'metric'))).reason).toBe(
      'HTTP 400: Latitude must be in range of -90 to 90°.',
    );
    standIn.fault('/v1/search', { kind: 'status', status: 503 });
    const error = await failure(client.searchPlaces('paris'));
    expect(error).toMatchObject({ api: 'geocoding', reason: 'HTTP 503: Stand-in status 503' });
  });

  it('gives up after the timeout', async () => {
    standIn.fault('/v1/forecast', { kind: 'delay', ms: 2000 });
    const started = performance.now();
    expect((await failure(client.forecast(10, 10, 'metric'))).reason).toBe(
      `no answer within ${TIMEOUT_MS} ms`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses malformed JSON and JSON of another shape', async () => {
    standIn.fault('/v1/forecast', { kind: 'malformed-json' });
    expect((await failure(client.forecast(10, 10, 'metric'))).reason).toBe('malformed JSON');
    standIn.fault('/v1/search', { kind: 'wrong-shape' });
    expect((await failure(client.searchPlaces('paris'))).reason).toMatch(/^unexpected JSON: results/);
  });

  it('does not cache failures', async () => {
    standIn.fault('/v1/forecast', { kind: 'status', status: 500 });
    await failure(client.forecast(20, 20, 'metric'));
    standIn.fault('/v1/forecast', null);
    expect((await client.forecast(20, 20, 'metric')).daily.time).toHaveLength(7);
    expect(standIn.requestsTo('/v1/forecast')).toHaveLength(2);
  });

  it('reports an unreachable server', async () => {
    const closed = await startOpenMeteoStandIn();
    await closed.close();
    const offline = createOpenMeteoClient({
      redis: testRedis.redis,
      keys: skillKeys(keySpace(testRedis.prefix)),
      openMeteo: { forecastUrl: closed.url, geocodingUrl: closed.url, timeoutMs: TIMEOUT_MS },
    });
    expect((await failure(offline.forecast(30, 30, 'metric'))).reason).toMatch(/^unreachable/);
  });
});
