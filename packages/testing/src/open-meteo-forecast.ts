import type { StandInCurrent, StandInDay, StandInPlace, StandInWeather } from './open-meteo-fixtures.js';

/**
 * The /v1/forecast body, shaped like Open-Meteo's: `current` and `daily` hold only the
 * variables asked for, in the units asked for, with matching `*_units` objects.
 */

type Unit = 'temperature' | 'wind' | 'precipitation' | 'percent' | 'code';

const currentVariables: Record<string, { unit: Unit; read: (c: StandInCurrent) => number }> = {
  temperature_2m: { unit: 'temperature', read: (c) => c.temperatureC },
  apparent_temperature: { unit: 'temperature', read: (c) => c.apparentC },
  precipitation: { unit: 'precipitation', read: (c) => c.precipitationMm },
  weather_code: { unit: 'code', read: (c) => c.weatherCode },
  wind_speed_10m: { unit: 'wind', read: (c) => c.windKmh },
  relative_humidity_2m: { unit: 'percent', read: (c) => c.humidity },
};

const dailyVariables: Record<string, { unit: Unit; read: (d: StandInDay) => number | null }> = {
  weather_code: { unit: 'code', read: (d) => d.weatherCode },
  temperature_2m_max: { unit: 'temperature', read: (d) => d.maxC },
  temperature_2m_min: { unit: 'temperature', read: (d) => d.minC },
  precipitation_sum: { unit: 'precipitation', read: (d) => d.precipitationMm },
  precipitation_probability_max: { unit: 'percent', read: (d) => d.precipitationProbability },
  wind_speed_10m_max: { unit: 'wind', read: (d) => d.windMaxKmh },
};

const allowed = {
  temperature_unit: ['celsius', 'fahrenheit'],
  wind_speed_unit: ['kmh', 'ms', 'mph', 'kn'],
  precipitation_unit: ['mm', 'inch'],
} as const;

const listOf = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

/** Open-Meteo's reason text for a request it refuses, or null when the request is fine. */
export function forecastParameterProblem(params: Record<string, string>): string | null {
  const latitude = Number(params.latitude);
  const longitude = Number(params.longitude);
  if (params.latitude === undefined || params.longitude === undefined) {
    return "Parameter 'latitude' and 'longitude' must be set";
  }
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
    return `Latitude must be in range of -90 to 90°. Given: ${params.latitude}.`;
  }
  for (const [key, known] of [
    ['current', currentVariables],
    ['daily', dailyVariables],
  ] as const) {
    const unknown = listOf(params[key]).find((name) => !(name in known));
    if (unknown)
      return `Cannot initialize ForecastVariable from invalid String value ${unknown} for key ${key}`;
  }
  for (const [key, values] of Object.entries(allowed)) {
    const given = params[key];
    if (given !== undefined && !(values as readonly string[]).includes(given)) {
      return `Cannot initialize ${key} from invalid String value ${given}`;
    }
  }
  const days = Number(params.forecast_days ?? 7);
  if (!Number.isInteger(days) || days < 0 || days > 16)
    return 'Forecast days is invalid. Allowed range 0 to 16.';
  return null;
}

interface Converters {
  convert: Record<Unit, (metric: number) => number>;
  label: Record<Unit, string>;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function converters(params: Record<string, string>): Converters {
  const fahrenheit = params.temperature_unit === 'fahrenheit';
  const mph = params.wind_speed_unit === 'mph';
  const inch = params.precipitation_unit === 'inch';
  return {
    convert: {
      temperature: (c) => round(fahrenheit ? (c * 9) / 5 + 32 : c, 1),
      wind: (kmh) => round(mph ? kmh / 1.609344 : kmh, 1),
      precipitation: (mm) => round(inch ? mm / 25.4 : mm, inch ? 3 : 1),
      percent: (value) => value,
      code: (value) => value,
    },
    label: {
      temperature: fahrenheit ? '°F' : '°C',
      wind: mph ? 'mp/h' : 'km/h',
      precipitation: inch ? 'inch' : 'mm',
      percent: '%',
      code: 'wmo code',
    },
  };
}

/** The place's wall clock at `now`, as Open-Meteo writes times: "YYYY-MM-DDTHH:MM", no zone. */
function localIso(now: Date, offsetSeconds: number): string {
  return new Date(now.getTime() + offsetSeconds * 1000).toISOString().slice(0, 16);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function currentBlock(
  params: Record<string, string>,
  weather: StandInWeather,
  localNow: string,
  units: Converters,
) {
  const minutes = Number(localNow.slice(14, 16));
  const time = `${localNow.slice(0, 14)}${String(minutes - (minutes % 15)).padStart(2, '0')}`;
  const values: Record<string, unknown> = { time, interval: 900 };
  const labels: Record<string, string> = { time: 'iso8601', interval: 'seconds' };
  for (const name of listOf(params.current)) {
    const variable = currentVariables[name]!;
    values[name] = units.convert[variable.unit](variable.read(weather.current));
    labels[name] = units.label[variable.unit];
  }
  return { current_units: labels, current: values };
}

function dailyBlock(
  params: Record<string, string>,
  weather: StandInWeather,
  today: string,
  units: Converters,
) {
  const days = Number(params.forecast_days ?? 7);
  const series = Array.from(
    { length: days },
    (_, i) => weather.daily[Math.min(i, weather.daily.length - 1)]!,
  );
  const values: Record<string, unknown> = { time: series.map((_, i) => addDays(today, i)) };
  const labels: Record<string, string> = { time: 'iso8601' };
  for (const name of listOf(params.daily)) {
    const variable = dailyVariables[name]!;
    values[name] = series.map((day) => {
      const metric = variable.read(day);
      return metric === null ? null : units.convert[variable.unit](metric);
    });
    labels[name] = units.label[variable.unit];
  }
  return { daily_units: labels, daily: values };
}

export function forecastBody(
  params: Record<string, string>,
  at: { latitude: number; longitude: number },
  place: StandInPlace | undefined,
  weather: StandInWeather,
  now: Date,
): Record<string, unknown> {
  const offset = params.timezone === 'auto' ? (place?.utcOffsetSeconds ?? 0) : 0;
  const localNow = localIso(now, offset);
  const units = converters(params);
  const hours = offset / 3600;
  return {
    // Open-Meteo answers for the nearest grid cell, so coordinates come back slightly moved.
    latitude: round(at.latitude + 0.004, 6),
    longitude: round(at.longitude - 0.003, 6),
    generationtime_ms: 0.06,
    utc_offset_seconds: offset,
    timezone: params.timezone === 'auto' ? (place?.timezone ?? 'GMT') : 'GMT',
    timezone_abbreviation: hours === 0 ? 'GMT' : `GMT${hours > 0 ? '+' : ''}${hours}`,
    elevation: place?.elevation ?? 10,
    ...(params.current ? currentBlock(params, weather, localNow, units) : {}),
    ...(params.daily ? dailyBlock(params, weather, localNow.slice(0, 10), units) : {}),
  };
}
