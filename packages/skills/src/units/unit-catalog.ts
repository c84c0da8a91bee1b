import configureMeasurements, { type UnitDescription } from 'convert-units';
import area from 'convert-units/definitions/area';
import digital from 'convert-units/definitions/digital';
import length from 'convert-units/definitions/length';
import mass from 'convert-units/definitions/mass';
import speed from 'convert-units/definitions/speed';
import temperature from 'convert-units/definitions/temperature';
import time from 'convert-units/definitions/time';
import volume from 'convert-units/definitions/volume';

/**
 * The units Hark converts between: convert-units (v3) with the measures people ask about.
 * Abbreviations are the library's, which are also what the NLU emits ("kg", "fl-oz", "C").
 */
export const convert = configureMeasurements<string, string, string>({
  area,
  digital,
  length,
  mass,
  speed,
  temperature,
  time,
  volume,
});

/** What "the measures" are called in a reply listing what can be converted. */
export const MEASURE_WORDS: Readonly<Record<string, string>> = {
  length: 'length',
  mass: 'weight',
  volume: 'volume',
  temperature: 'temperature',
  speed: 'speed',
  time: 'time',
  digital: 'data sizes',
  area: 'area',
};

/**
 * Units a person would want an answer in. When no target unit is given, the answer is in
 * one of these (never nautical miles or fathoms), in the other measuring system.
 */
export const EVERYDAY_UNITS = new Set([
  ...['mm', 'cm', 'm', 'km', 'in', 'ft', 'yd', 'mi'],
  ...['g', 'kg', 'oz', 'lb'],
  ...['ml', 'l', 'tsp', 'Tbs', 'fl-oz', 'cup', 'pnt', 'qt', 'gal'],
  ...['C', 'F'],
  ...['km/h', 'mph', 'm/s'],
  ...['s', 'min', 'h', 'd', 'week', 'year'],
  ...['byte', 'kB', 'MB', 'GB', 'TB'],
  ...['m2', 'km2', 'ft2', 'mi2', 'ac', 'ha'],
]);

const UNITS: readonly UnitDescription[] = convert().list();
const BY_ABBREVIATION = new Map(UNITS.map((unit) => [unit.abbr, unit]));

/** Lower-case names and abbreviations -> unit, for callers that say "kilograms" or "KG" (LLM tools). */
const BY_NAME: ReadonlyMap<string, UnitDescription> = (() => {
  const index = new Map<string, UnitDescription>();
  const ambiguous = new Set<string>();
  for (const unit of UNITS) {
    for (const name of [unit.singular, unit.plural, unit.abbr].map((n) => n.toLowerCase())) {
      const taken = index.get(name);
      // "mb" is both a megabit and a megabyte: such a name is not guessed at.
      if (taken && taken.abbr !== unit.abbr) ambiguous.add(name);
      index.set(name, unit);
    }
  }
  for (const name of ambiguous) index.delete(name);
  return index;
})();

/** The unit meant by an abbreviation ("kg") or a name ("kilograms"), or undefined. */
export function findUnit(said: string): UnitDescription | undefined {
  const trimmed = said.trim();
  return BY_ABBREVIATION.get(trimmed) ?? BY_NAME.get(trimmed.toLowerCase().replace(/\s+/g, ' '));
}

/**
 * A unit's name as said in `locale`: lower case ("kilograms", "degrees Celsius"), spelled
 * the American way in en-US ("liters", "meters") and the British way elsewhere ("litres").
 */
export function unitName(unit: UnitDescription, count: 'one' | 'many', locale: string): string {
  const name = (count === 'one' ? unit.singular : unit.plural)
    .toLowerCase()
    .replace(/celsius|fahrenheit/, (proper) => proper.charAt(0).toUpperCase() + proper.slice(1));
  return locale === 'en-US'
    ? name.replace(/litre/g, 'liter').replace(/metre/g, 'meter')
    : name.replace(/liter/g, 'litre').replace(/meter/g, 'metre');
}
