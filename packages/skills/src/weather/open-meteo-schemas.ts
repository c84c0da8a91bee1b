import { z } from 'zod';

/**
 * The parts of Open-Meteo's JSON that Hark reads, validated before use: an upstream change
 * becomes "the weather service is unavailable", not a crash or a wrong answer. Unknown
 * fields are dropped, which also keeps the cached copies small.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One place of GET /v1/search. `admin1`, `population` and others are absent for some places. */
export const geocodingResultSchema = z.object({
  id: z.number().int().optional(),
  name: z.string().min(1),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  country_code: z.string().length(2).optional(),
  country: z.string().optional(),
  admin1: z.string().optional(),
  timezone: z.string().optional(),
  population: z.number().int().nonnegative().optional(),
});
export type GeocodingResult = z.infer<typeof geocodingResultSchema>;

/** GET /v1/search: `results` is missing altogether when nothing matched. */
export const geocodingResponseSchema = z.object({
  results: z.array(geocodingResultSchema).default([]),
});

const dailySeries = <T extends z.ZodType>(value: T) => z.array(value.nullable());

/** GET /v1/forecast with the `current` and `daily` variables the weather client asks for. */
export const forecastResponseSchema = z
  .object({
    latitude: z.number(),
    longitude: z.number(),
    utc_offset_seconds: z.number().int(),
    timezone: z.string(),
    current: z.object({
      time: z.string(),
      temperature_2m: z.number(),
      apparent_temperature: z.number(),
      precipitation: z.number(),
      weather_code: z.number().int(),
      wind_speed_10m: z.number(),
      relative_humidity_2m: z.number(),
    }),
    daily: z.object({
      time: z.array(isoDate),
      weather_code: dailySeries(z.number().int()),
      temperature_2m_max: dailySeries(z.number()),
      temperature_2m_min: dailySeries(z.number()),
      precipitation_sum: dailySeries(z.number()),
      precipitation_probability_max: dailySeries(z.number()),
      wind_speed_10m_max: dailySeries(z.number()),
    }),
  })
  .refine(
    ({ daily }) => Object.values(daily).every((series) => series.length === daily.time.length),
    'every daily series must have one value per day',
  );
export type ForecastResponse = z.infer<typeof forecastResponseSchema>;

/** What Open-Meteo sends with a 4xx: `{"error": true, "reason": "..."}`. */
export const openMeteoErrorSchema = z.object({ error: z.literal(true), reason: z.string() });

/** The `current` and `daily` variables asked for, exactly the fields of forecastResponseSchema. */
export const CURRENT_VARIABLES = [
  'temperature_2m',
  'apparent_temperature',
  'precipitation',
  'weather_code',
  'wind_speed_10m',
  'relative_humidity_2m',
] as const;

export const DAILY_VARIABLES = [
  'weather_code',
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_sum',
  'precipitation_probability_max',
  'wind_speed_10m_max',
] as const;
