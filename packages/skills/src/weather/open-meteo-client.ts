import type { Units } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { z } from 'zod';
import type { SkillKeys } from '../skill-keys.js';
import {
  CURRENT_VARIABLES,
  DAILY_VARIABLES,
  type ForecastResponse,
  forecastResponseSchema,
  type GeocodingResult,
  geocodingResponseSchema,
  openMeteoErrorSchema,
} from './open-meteo-schemas.js';
import { UpstreamCache } from './upstream-cache.js';

/** Where Open-Meteo lives and how long to wait for it. */
export interface OpenMeteoSettings {
  /** Forecast API base URL, e.g. https://api.open-meteo.com (config WEATHER_API_URL). */
  forecastUrl: string;
  /** Geocoding API base URL, e.g. https://geocoding-api.open-meteo.com (config GEOCODING_API_URL). */
  geocodingUrl: string;
  /** Per request, body included. A voice reply cannot wait for a library's default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_OPEN_METEO: OpenMeteoSettings = {
  forecastUrl: 'https://api.open-meteo.com',
  geocodingUrl: 'https://geocoding-api.open-meteo.com',
};
export const WEATHER_TIMEOUT_MS = 2000;

const GEOCODING_TTL_SECONDS = 7 * 24 * 3600;
/** A name nobody knows may become known (a typo fixed upstream); forget that sooner. */
const GEOCODING_MISS_TTL_SECONDS = 24 * 3600;
const FORECAST_TTL_SECONDS = 600;

export type OpenMeteoApi = 'geocoding' | 'forecast';

/** Open-Meteo could not answer usefully: unreachable, slow, an error status, or JSON we cannot read. */
export class WeatherUnavailableError extends Error {
  constructor(
    readonly api: OpenMeteoApi,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Open-Meteo ${api}: ${reason}`, options);
    this.name = 'WeatherUnavailableError';
  }
}

/** Coordinates rounded to 2 decimals (about 1 km): nearby requests share one cached forecast. */
export const roundCoordinate = (value: number): number => Math.round(value * 100) / 100;

/** Open-Meteo's geocoding and forecast APIs, validated, cached in Redis and single-flight. */
export class OpenMeteoClient {
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly settings: OpenMeteoSettings,
    private readonly cache: UpstreamCache,
  ) {
    this.timeoutMs = settings.timeoutMs ?? WEATHER_TIMEOUT_MS;
    this.fetch = settings.fetch ?? globalThis.fetch;
  }

  /** Places called `name`, in Open-Meteo's order; empty when there are none. */
  async searchPlaces(name: string): Promise<GeocodingResult[]> {
    const query = name.trim().toLowerCase().replace(/\s+/g, ' ');
    const url = new URL('/v1/search', this.settings.geocodingUrl);
    url.search = new URLSearchParams({ name: query, count: '10', language: 'en', format: 'json' }).toString();
    const response = await this.cache.get({
      namespace: 'geocoding',
      key: encodeURIComponent(query),
      schema: geocodingResponseSchema,
      ttlSeconds: ({ results }) => (results.length > 0 ? GEOCODING_TTL_SECONDS : GEOCODING_MISS_TTL_SECONDS),
      load: () => this.getJson('geocoding', url, geocodingResponseSchema),
    });
    return response.results;
  }

  /** Current conditions and 7 daily forecasts in the place's own time zone, in `units`. */
  forecast(latitude: number, longitude: number, units: Units): Promise<ForecastResponse> {
    const lat = roundCoordinate(latitude);
    const lon = roundCoordinate(longitude);
    const imperial = units === 'imperial';
    const url = new URL('/v1/forecast', this.settings.forecastUrl);
    url.search = new URLSearchParams({
      latitude: String(lat),
      longitude: String(lon),
      current: CURRENT_VARIABLES.join(','),
      daily: DAILY_VARIABLES.join(','),
      timezone: 'auto',
      forecast_days: '7',
      temperature_unit: imperial ? 'fahrenheit' : 'celsius',
      wind_speed_unit: imperial ? 'mph' : 'kmh',
      precipitation_unit: imperial ? 'inch' : 'mm',
    }).toString();
    return this.cache.get({
      namespace: 'forecast',
      key: `${lat.toFixed(2)},${lon.toFixed(2)}:${units}`,
      schema: forecastResponseSchema,
      ttlSeconds: () => FORECAST_TTL_SECONDS,
      load: () => this.getJson('forecast', url, forecastResponseSchema),
    });
  }

  private async getJson<T>(api: OpenMeteoApi, url: URL, schema: z.ZodType<T>): Promise<T> {
    const response = await this.send(api, url);
    const text = await this.readBody(api, response);
    if (!response.ok) {
      const reason = openMeteoErrorSchema.safeParse(parseJson(text)).data?.reason;
      throw new WeatherUnavailableError(api, `HTTP ${response.status}${reason ? `: ${reason}` : ''}`);
    }
    const body = parseJson(text);
    if (body === undefined) throw new WeatherUnavailableError(api, 'malformed JSON');
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WeatherUnavailableError(api, `unexpected JSON: ${issue?.path.join('.')} ${issue?.message}`);
    }
    return parsed.data;
  }

  /** The body as text; the timeout covers it too, so a server that stalls mid-body is cut off. */
  private async readBody(api: OpenMeteoApi, response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new WeatherUnavailableError(api, describeFailure(error, this.timeoutMs, 'body cut off'), {
        cause: error,
      });
    }
  }

  private async send(api: OpenMeteoApi, url: URL): Promise<Response> {
    try {
      return await this.fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new WeatherUnavailableError(api, describeFailure(error, this.timeoutMs, 'unreachable'), {
        cause: error,
      });
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown, timeoutMs: number, otherwise: string): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const detail = error instanceof Error ? error.message : String(error);
  return `${otherwise} (${detail})`;
}

export interface OpenMeteoClientDependencies {
  redis: RedisClient;
  keys: SkillKeys;
  openMeteo?: OpenMeteoSettings;
}

/** A client with its own single-flight map; the Redis cache and lock are shared by all instances. */
export function createOpenMeteoClient(dependencies: OpenMeteoClientDependencies): OpenMeteoClient {
  const settings = dependencies.openMeteo ?? DEFAULT_OPEN_METEO;
  const timeoutMs = settings.timeoutMs ?? WEATHER_TIMEOUT_MS;
  const cache = new UpstreamCache(dependencies.redis, dependencies.keys, {
    lockMs: timeoutMs + 500,
    lockWaitMs: timeoutMs,
  });
  return new OpenMeteoClient(settings, cache);
}
