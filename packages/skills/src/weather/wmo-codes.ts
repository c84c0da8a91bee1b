/**
 * WMO weather interpretation codes (the `weather_code` Open-Meteo reports) as words.
 * Each is a noun phrase, so it reads both as "it's 12°C with partly cloudy skies" and as
 * "tomorrow: light rain".
 */
const WMO_WORDS: Readonly<Record<number, string>> = {
  0: 'clear skies',
  1: 'mostly clear skies',
  2: 'partly cloudy skies',
  3: 'overcast skies',
  45: 'fog',
  48: 'freezing fog',
  51: 'light drizzle',
  53: 'drizzle',
  55: 'heavy drizzle',
  56: 'light freezing drizzle',
  57: 'heavy freezing drizzle',
  61: 'light rain',
  63: 'rain',
  65: 'heavy rain',
  66: 'light freezing rain',
  67: 'heavy freezing rain',
  71: 'light snow',
  73: 'snow',
  75: 'heavy snow',
  77: 'snow grains',
  80: 'light rain showers',
  81: 'rain showers',
  82: 'violent rain showers',
  85: 'light snow showers',
  86: 'heavy snow showers',
  95: 'thunderstorms',
  96: 'thunderstorms with light hail',
  99: 'thunderstorms with heavy hail',
};

/** Words for a code; codes outside the WMO table (a newer model's) read as "mixed conditions". */
export const weatherWords = (code: number): string => WMO_WORDS[code] ?? 'mixed conditions';

const RAIN_CODES = new Set([51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 80, 81, 82, 95, 96, 99]);
const SNOW_CODES = new Set([71, 73, 75, 77, 85, 86]);

/** Wet weather an umbrella helps with: drizzle, rain, showers, thunderstorms. */
export const isRainCode = (code: number): boolean => RAIN_CODES.has(code);
export const isSnowCode = (code: number): boolean => SNOW_CODES.has(code);
