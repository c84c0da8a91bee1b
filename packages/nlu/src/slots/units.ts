import { tokenizeWords } from '../normalize.js';
import type { Span } from './span.js';

/**
 * Measurement units as said -> one canonical short name. The canonical names are the
 * abbreviations of the convert-units library (v3), case included ("C", "Tbs", "fl-oz",
 * "GB", "km/h"), so the conversion skill can pass them straight through.
 */

export type Measure = 'length' | 'mass' | 'temperature' | 'volume' | 'speed' | 'digital' | 'area' | 'time';

interface UnitDefinition {
  unit: string;
  measure: Measure;
  /** Spoken and written forms, already normalised (lower case, single spaces). */
  phrases: readonly string[];
}

/** "meter" -> ["meter", "meters"]. */
const withPlurals = (...words: string[]): string[] => words.flatMap((word) => [word, `${word}s`]);

const UNITS: readonly UnitDefinition[] = [
  { unit: 'mm', measure: 'length', phrases: [...withPlurals('millimeter', 'millimetre'), 'mm'] },
  { unit: 'cm', measure: 'length', phrases: [...withPlurals('centimeter', 'centimetre'), 'cm'] },
  { unit: 'm', measure: 'length', phrases: [...withPlurals('meter', 'metre'), 'm'] },
  { unit: 'km', measure: 'length', phrases: [...withPlurals('kilometer', 'kilometre'), 'km', 'kms'] },
  { unit: 'in', measure: 'length', phrases: ['inch', 'inches', 'in'] },
  { unit: 'ft', measure: 'length', phrases: ['foot', 'feet', 'ft'] },
  { unit: 'yd', measure: 'length', phrases: [...withPlurals('yard'), 'yd', 'yds'] },
  { unit: 'mi', measure: 'length', phrases: [...withPlurals('mile'), 'mi'] },
  { unit: 'nMi', measure: 'length', phrases: withPlurals('nautical mile') },
  { unit: 'mg', measure: 'mass', phrases: [...withPlurals('milligram', 'milligramme'), 'mg'] },
  { unit: 'g', measure: 'mass', phrases: [...withPlurals('gram', 'gramme'), 'g'] },
  { unit: 'kg', measure: 'mass', phrases: [...withPlurals('kilogram', 'kilogramme', 'kilo'), 'kg', 'kgs'] },
  { unit: 'oz', measure: 'mass', phrases: [...withPlurals('ounce'), 'oz'] },
  { unit: 'lb', measure: 'mass', phrases: [...withPlurals('pound'), 'lb', 'lbs'] },
  { unit: 'mt', measure: 'mass', phrases: [...withPlurals('tonne', 'metric ton')] },
  { unit: 't', measure: 'mass', phrases: withPlurals('ton', 'short ton') },
  {
    unit: 'C',
    measure: 'temperature',
    phrases: [
      'celsius',
      'centigrade',
      'degrees celsius',
      'degree celsius',
      'degrees centigrade',
      'c',
      'degrees c',
    ],
  },
  {
    unit: 'F',
    measure: 'temperature',
    phrases: ['fahrenheit', 'degrees fahrenheit', 'degree fahrenheit', 'f', 'degrees f'],
  },
  { unit: 'K', measure: 'temperature', phrases: ['kelvin', 'kelvins', 'degrees kelvin'] },
  { unit: 'ml', measure: 'volume', phrases: [...withPlurals('milliliter', 'millilitre'), 'ml', 'mls'] },
  { unit: 'cl', measure: 'volume', phrases: [...withPlurals('centiliter', 'centilitre'), 'cl'] },
  { unit: 'dl', measure: 'volume', phrases: [...withPlurals('deciliter', 'decilitre'), 'dl'] },
  { unit: 'l', measure: 'volume', phrases: [...withPlurals('liter', 'litre'), 'l'] },
  { unit: 'tsp', measure: 'volume', phrases: [...withPlurals('teaspoon'), 'tsp', 'tsps'] },
  { unit: 'Tbs', measure: 'volume', phrases: [...withPlurals('tablespoon'), 'tbsp', 'tbs', 'tbsps'] },
  { unit: 'fl-oz', measure: 'volume', phrases: [...withPlurals('fluid ounce'), 'fl oz'] },
  { unit: 'cup', measure: 'volume', phrases: withPlurals('cup') },
  { unit: 'pnt', measure: 'volume', phrases: withPlurals('pint') },
  { unit: 'qt', measure: 'volume', phrases: [...withPlurals('quart'), 'qt'] },
  { unit: 'gal', measure: 'volume', phrases: [...withPlurals('gallon'), 'gal'] },
  { unit: 'm3', measure: 'volume', phrases: withPlurals('cubic meter', 'cubic metre') },
  { unit: 'km/h', measure: 'speed', phrases: kilometresPerHour() },
  { unit: 'mph', measure: 'speed', phrases: ['miles per hour', 'mile per hour', 'miles an hour', 'mph'] },
  { unit: 'm/s', measure: 'speed', phrases: [...perSecond('meter'), ...perSecond('metre'), 'm/s'] },
  { unit: 'knot', measure: 'speed', phrases: withPlurals('knot') },
  { unit: 'bit', measure: 'digital', phrases: withPlurals('bit') },
  { unit: 'byte', measure: 'digital', phrases: withPlurals('byte') },
  { unit: 'kB', measure: 'digital', phrases: [...withPlurals('kilobyte'), 'kb'] },
  { unit: 'MB', measure: 'digital', phrases: [...withPlurals('megabyte', 'meg'), 'mb'] },
  { unit: 'GB', measure: 'digital', phrases: [...withPlurals('gigabyte', 'gig'), 'gb'] },
  { unit: 'TB', measure: 'digital', phrases: [...withPlurals('terabyte'), 'tb'] },
  { unit: 'm2', measure: 'area', phrases: withPlurals('square meter', 'square metre') },
  { unit: 'km2', measure: 'area', phrases: withPlurals('square kilometer', 'square kilometre') },
  { unit: 'ft2', measure: 'area', phrases: ['square foot', 'square feet'] },
  { unit: 'mi2', measure: 'area', phrases: withPlurals('square mile') },
  { unit: 'ac', measure: 'area', phrases: withPlurals('acre') },
  { unit: 'ha', measure: 'area', phrases: withPlurals('hectare') },
  { unit: 's', measure: 'time', phrases: [...withPlurals('second', 'sec'), 's'] },
  { unit: 'min', measure: 'time', phrases: [...withPlurals('minute', 'min')] },
  { unit: 'h', measure: 'time', phrases: [...withPlurals('hour', 'hr'), 'h'] },
  { unit: 'd', measure: 'time', phrases: withPlurals('day') },
  { unit: 'week', measure: 'time', phrases: withPlurals('week') },
  { unit: 'year', measure: 'time', phrases: withPlurals('year') },
];

function kilometresPerHour(): string[] {
  const names = [...withPlurals('kilometer', 'kilometre'), 'km'];
  return [...names.flatMap((name) => [`${name} per hour`, `${name} an hour`]), 'km/h', 'kmh', 'kph', 'kmph'];
}

function perSecond(name: string): string[] {
  return withPlurals(name).map((form) => `${form} per second`);
}

interface PhraseEntry {
  words: readonly string[];
  unit: string;
}

/** First word -> phrases starting with it, longest first, built once at load. */
const PHRASES_BY_FIRST_WORD: ReadonlyMap<string, readonly PhraseEntry[]> = (() => {
  const index = new Map<string, PhraseEntry[]>();
  for (const { unit, phrases } of UNITS) {
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      const bucket = index.get(words[0]!) ?? [];
      bucket.push({ words, unit });
      index.set(words[0]!, bucket);
    }
  }
  for (const bucket of index.values()) bucket.sort((a, b) => b.words.length - a.words.length);
  return index;
})();

const MEASURE_OF_UNIT: ReadonlyMap<string, Measure> = new Map(
  UNITS.map(({ unit, measure }) => [unit, measure]),
);

export function unitMeasure(unit: string): Measure | undefined {
  return MEASURE_OF_UNIT.get(unit);
}

/** Unit spans starting at `start`, longest first. */
export function unitSpans(tokens: readonly string[], start: number): Span<string>[] {
  const bucket = PHRASES_BY_FIRST_WORD.get(tokens[start] ?? '');
  if (!bucket) return [];
  const spans: Span<string>[] = [];
  for (const { words, unit } of bucket) {
    if (words.every((word, i) => tokens[start + i] === word))
      spans.push({ end: start + words.length, value: unit });
  }
  return spans;
}

/** "fluid ounces" -> "fl-oz", "degrees celsius" -> "C"; null when the whole text is not one unit. */
export function parseUnit(text: string): string | null {
  const tokens = tokenizeWords(text);
  const longest = unitSpans(tokens, 0)[0];
  return longest && longest.end === tokens.length ? longest.value : null;
}

/** Every canonical unit name, for documentation and tests. */
export const canonicalUnits: readonly string[] = UNITS.map(({ unit }) => unit);
