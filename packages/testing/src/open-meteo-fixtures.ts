/**
 * Places and weather the Open-Meteo stand-in serves. Populations, regions and zones are the
 * real GeoNames values (rounded), so ranking by population behaves as it does upstream.
 * The order is deliberately not by population: the client must rank, not trust the order.
 */

export interface StandInPlace {
  id: number;
  name: string;
  latitude: number;
  longitude: number;
  elevation: number;
  feature_code: string;
  country_code: string;
  country: string;
  admin1?: string;
  timezone: string;
  population?: number;
  /** Offset of `timezone` in late November, what the forecast reports as utc_offset_seconds. */
  utcOffsetSeconds: number;
}

export const standInPlaces: readonly StandInPlace[] = [
  place(
    4717560,
    'Paris',
    33.66094,
    -95.55551,
    'US',
    'United States',
    'Texas',
    'America/Chicago',
    24_782,
    -21_600,
  ),
  place(2988507, 'Paris', 48.85341, 2.3488, 'FR', 'France', 'Île-de-France', 'Europe/Paris', 2_138_551, 3600),
  place(
    4647963,
    'Paris',
    36.302,
    -88.32671,
    'US',
    'United States',
    'Tennessee',
    'America/Chicago',
    10_156,
    -21_600,
  ),
  place(
    4250542,
    'Springfield',
    39.80172,
    -89.64371,
    'US',
    'United States',
    'Illinois',
    'America/Chicago',
    116_565,
    -21_600,
  ),
  place(
    4409896,
    'Springfield',
    37.21533,
    -93.29824,
    'US',
    'United States',
    'Missouri',
    'America/Chicago',
    166_810,
    -21_600,
  ),
  place(
    4951788,
    'Springfield',
    42.10148,
    -72.58981,
    'US',
    'United States',
    'Massachusetts',
    'America/New_York',
    155_929,
    -18_000,
  ),
  place(
    2147714,
    'Springfield',
    -27.65,
    152.91667,
    'AU',
    'Australia',
    'Queensland',
    'Australia/Brisbane',
    18_000,
    36_000,
  ),
  place(
    6058560,
    'London',
    42.98339,
    -81.23304,
    'CA',
    'Canada',
    'Ontario',
    'America/Toronto',
    383_822,
    -18_000,
  ),
  place(
    2643743,
    'London',
    51.50853,
    -0.12574,
    'GB',
    'United Kingdom',
    'England',
    'Europe/London',
    8_961_989,
    0,
  ),
  place(
    5308655,
    'Phoenix',
    33.44838,
    -112.07404,
    'US',
    'United States',
    'Arizona',
    'America/Phoenix',
    1_608_139,
    -25_200,
  ),
  place(
    4887398,
    'Chicago',
    41.85003,
    -87.65005,
    'US',
    'United States',
    'Illinois',
    'America/Chicago',
    2_720_546,
    -21_600,
  ),
  place(3143244, 'Oslo', 59.91273, 10.74609, 'NO', 'Norway', 'Oslo', 'Europe/Oslo', 580_000, 3600),
  place(1850147, 'Tokyo', 35.6895, 139.69171, 'JP', 'Japan', 'Tokyo', 'Asia/Tokyo', 8_336_599, 32_400),
];

function place(
  id: number,
  name: string,
  latitude: number,
  longitude: number,
  country_code: string,
  country: string,
  admin1: string,
  timezone: string,
  population: number,
  utcOffsetSeconds: number,
): StandInPlace {
  return {
    id,
    name,
    latitude,
    longitude,
    elevation: 50,
    feature_code: 'PPL',
    country_code,
    country,
    admin1,
    timezone,
    population,
    utcOffsetSeconds,
  };
}

/** Weather in metric units; the stand-in converts when asked for Fahrenheit, mph or inches. */
export interface StandInCurrent {
  temperatureC: number;
  apparentC: number;
  precipitationMm: number;
  weatherCode: number;
  windKmh: number;
  humidity: number;
}

export interface StandInDay {
  weatherCode: number;
  maxC: number;
  minC: number;
  precipitationMm: number;
  /** Open-Meteo sends null where it has no probability (far days, some models). */
  precipitationProbability: number | null;
  windMaxKmh: number;
}

export interface StandInWeather {
  current: StandInCurrent;
  /** Seven days, the first being the place's local today. */
  daily: StandInDay[];
}

const dryDay: StandInDay = {
  weatherCode: 2,
  maxC: 14,
  minC: 6,
  precipitationMm: 0,
  precipitationProbability: 5,
  windMaxKmh: 15,
};

/** A mild, dry week with rain the day after "today": what a place without its own weather gets. */
export function defaultWeather(): StandInWeather {
  const rainy: StandInDay = {
    weatherCode: 63,
    maxC: 11,
    minC: 7,
    precipitationMm: 6.4,
    precipitationProbability: 85,
    windMaxKmh: 28,
  };
  return {
    current: {
      temperatureC: 12.3,
      apparentC: 10.1,
      precipitationMm: 0,
      weatherCode: 2,
      windKmh: 11.2,
      humidity: 71,
    },
    daily: [dryDay, rainy, dryDay, dryDay, { ...dryDay, weatherCode: 3 }, dryDay, { ...dryDay, maxC: 9 }],
  };
}
