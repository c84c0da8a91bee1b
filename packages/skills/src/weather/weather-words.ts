import type { Units } from '@hark/contracts';

/**
 * Measurements said two ways: for the screen ("12°C", "85%") and for the voice ("12 degrees",
 * "85 percent"), built together so the two never drift apart.
 */
export interface Spoken {
  text: string;
  speech: string;
}

type Part = string | number | Spoken;

const textOf = (part: Part) => (typeof part === 'object' ? part.text : String(part));
const speechOf = (part: Part) => (typeof part === 'object' ? part.speech : String(part));

/** A template whose `${parts}` may be Spoken: builds the screen and the voice version at once. */
export function spoken(strings: TemplateStringsArray, ...parts: Part[]): Spoken {
  const join = (read: (part: Part) => string) =>
    strings.reduce((out, piece, i) => out + piece + (i < parts.length ? read(parts[i]!) : ''), '');
  return { text: join(textOf), speech: join(speechOf) };
}

export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const UNIT_WORDS = {
  metric: {
    temperature: '°C',
    wind: { symbol: 'km/h', word: 'kilometers per hour' },
    precipitation: { symbol: 'mm', word: 'millimeters', one: 'millimeter' },
  },
  imperial: {
    temperature: '°F',
    wind: { symbol: 'mph', word: 'miles per hour' },
    precipitation: { symbol: 'in', word: 'inches', one: 'inch' },
  },
} as const;

/** Unit symbols for screens, e.g. in `data`. */
export const unitLabels = (units: Units) => ({
  temperature: UNIT_WORDS[units].temperature,
  windSpeed: UNIT_WORDS[units].wind.symbol,
  precipitation: UNIT_WORDS[units].precipitation.symbol,
});

export function temperature(value: number, units: Units): Spoken {
  const rounded = Math.round(value) || 0; // no "-0°C"
  const said = rounded < 0 ? `minus ${-rounded}` : String(rounded);
  const degrees = Math.abs(rounded) === 1 ? 'degree' : 'degrees';
  return { text: `${rounded}${UNIT_WORDS[units].temperature}`, speech: `${said} ${degrees}` };
}

export function windSpeed(value: number, units: Units): Spoken {
  const { symbol, word } = UNIT_WORDS[units].wind;
  const rounded = Math.round(value);
  return { text: `${rounded} ${symbol}`, speech: `${rounded} ${word}` };
}

/** Millimetres to one decimal below 10 mm, inches to two decimals: what a rain gauge shows. */
export function precipitationAmount(value: number, units: Units): Spoken {
  const { symbol, word, one } = UNIT_WORDS[units].precipitation;
  const digits = units === 'imperial' ? 2 : value < 10 ? 1 : 0;
  const shown = Number(value.toFixed(digits));
  if (shown === 0) return { text: 'a trace', speech: 'a trace' };
  return { text: `${shown} ${symbol}`, speech: `${shown} ${shown === 1 ? one : word}` };
}

/** "an 85% chance", "a 30% chance". */
export function chance(percent: number): Spoken {
  const rounded = Math.round(percent);
  // Said "an eight", "an eleven", "an eighteen", "an eighty-...".
  const article = [8, 11, 18].includes(rounded) || (rounded >= 80 && rounded <= 89) ? 'an' : 'a';
  return { text: `${article} ${rounded}% chance`, speech: `${article} ${rounded} percent chance` };
}

/** Values in metric, whatever the units, so thresholds are written once. */
export const toCelsius = (value: number, units: Units) =>
  units === 'imperial' ? ((value - 32) * 5) / 9 : value;
export const toKmh = (value: number, units: Units) => (units === 'imperial' ? value * 1.609344 : value);
export const toMillimetres = (value: number, units: Units) => (units === 'imperial' ? value * 25.4 : value);
