import { addDays, utcDay } from '@hark/contracts';
import { DateTime } from 'luxon';
import type { ForecastResponse } from './open-meteo-schemas.js';
import { weatherWords } from './wmo-codes.js';

/** Current conditions, in the units the forecast was asked in. */
export interface CurrentConditions {
  time: string;
  temperature: number;
  feelsLike: number;
  precipitation: number;
  weatherCode: number;
  conditions: string;
  windSpeed: number;
  humidity: number;
}

/** One day of the forecast; a day Open-Meteo has no core values for is left out. */
export interface DailyForecast {
  date: string;
  weatherCode: number;
  conditions: string;
  high: number;
  low: number;
  precipitation: number;
  precipitationProbability: number | null;
  windSpeedMax: number | null;
}

export interface Forecast {
  timezone: string;
  utcOffsetSeconds: number;
  current: CurrentConditions;
  daily: DailyForecast[];
}

export function toForecast(response: ForecastResponse): Forecast {
  const { current, daily } = response;
  const days: DailyForecast[] = [];
  daily.time.forEach((date, i) => {
    const code = daily.weather_code[i];
    const high = daily.temperature_2m_max[i];
    const low = daily.temperature_2m_min[i];
    if (code == null || high == null || low == null) return;
    days.push({
      date,
      weatherCode: code,
      conditions: weatherWords(code),
      high,
      low,
      precipitation: daily.precipitation_sum[i] ?? 0,
      precipitationProbability: daily.precipitation_probability_max[i] ?? null,
      windSpeedMax: daily.wind_speed_10m_max[i] ?? null,
    });
  });
  return {
    timezone: response.timezone,
    utcOffsetSeconds: response.utc_offset_seconds,
    current: {
      time: current.time,
      temperature: current.temperature_2m,
      feelsLike: current.apparent_temperature,
      precipitation: current.precipitation,
      weatherCode: current.weather_code,
      conditions: weatherWords(current.weather_code),
      windSpeed: current.wind_speed_10m,
      humidity: current.relative_humidity_2m,
    },
    daily: days,
  };
}

/** The day a question is about, and how to say it ("today", "tomorrow", "on Saturday"). */
export type DayChoice =
  | { kind: 'day'; day: DailyForecast; when: string; includesNow: boolean }
  | { kind: 'past'; date: string }
  | { kind: 'beyond'; date: string; lastDate: string | undefined };

/** The date at the place itself: "today" in Tokyo may be tomorrow for a user in New York. */
export function placeToday(now: Date, utcOffsetSeconds: number): string {
  return utcDay(new Date(now.getTime() + utcOffsetSeconds * 1000));
}

/**
 * `day` is the NLU's slot: absent (now), "today", "tomorrow" (both at the place), or an ISO
 * date (already resolved in the user's zone). Current conditions belong to today only.
 */
export function chooseDay(day: string | undefined, forecast: Forecast, now: Date): DayChoice {
  const today = placeToday(now, forecast.utcOffsetSeconds);
  const tomorrow = addDays(today, 1);
  const date = day === undefined || day === 'today' ? today : day === 'tomorrow' ? tomorrow : day;
  if (date < today) return { kind: 'past', date };
  const found = forecast.daily.find((entry) => entry.date === date);
  if (!found) return { kind: 'beyond', date, lastDate: forecast.daily.at(-1)?.date };
  const when = date === today ? 'today' : date === tomorrow ? 'tomorrow' : `on ${weekdayName(date)}`;
  return { kind: 'day', day: found, when, includesNow: date === today };
}

export const weekdayName = (isoDate: string): string =>
  DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en').toFormat('cccc');

export const longDate = (isoDate: string): string =>
  DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en').toFormat('cccc, LLLL d');
