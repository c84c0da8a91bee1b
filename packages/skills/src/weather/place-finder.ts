import type { GeocodingResult } from './open-meteo-schemas.js';

/** A place chosen for a spoken name, with how to say it back ("Springfield, Missouri"). */
export interface FoundPlace {
  name: string;
  spokenName: string;
  latitude: number;
  longitude: number;
  countryCode?: string;
  country?: string;
  admin1?: string;
  timezone?: string;
}

export type PlaceSearch = (name: string) => Promise<GeocodingResult[]>;

/**
 * A place in the user's country wins over a bigger namesake abroad unless that one is this
 * many times bigger: an American asking for Springfield means Missouri's, for Paris, France's
 * (84 times bigger than Paris, Texas), and a Canadian asking for London means Ontario's.
 */
const FOREIGN_POPULATION_FACTOR = 50;

/** Ways people name a country after the place ("paris france", "portland usa"), beyond its name and code. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB',
  britain: 'GB',
  england: 'GB',
  usa: 'US',
  us: 'US',
  america: 'US',
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const population = (result: GeocodingResult) => result.population ?? 0;
const largest = (results: GeocodingResult[]) =>
  results.reduce<GeocodingResult | undefined>(
    (best, next) => (best && population(best) >= population(next) ? best : next),
    undefined,
  );

/** The most likely place among namesakes: exact names first, then population and the user's country. */
export function pickPlace(
  results: GeocodingResult[],
  said: string,
  preferredCountry: string | undefined,
): GeocodingResult | undefined {
  const exact = results.filter((result) => fold(result.name) === fold(said));
  const candidates = exact.length > 0 ? exact : results;
  const overall = largest(candidates);
  const domestic = largest(candidates.filter((result) => result.country_code === preferredCountry));
  if (!domestic || !overall) return overall;
  return population(overall) > FOREIGN_POPULATION_FACTOR * population(domestic) ? overall : domestic;
}

/** Does "illinois", "france" or "uk" describe where this result is? */
export function matchesQualifier(result: GeocodingResult, qualifier: string): boolean {
  const wanted = fold(qualifier);
  // "new york city": "city" narrows nothing down.
  if (wanted === 'city') return true;
  const code = COUNTRY_ALIASES[wanted] ?? wanted.toUpperCase();
  return (
    (result.admin1 !== undefined && fold(result.admin1) === wanted) ||
    (result.country !== undefined && fold(result.country) === wanted) ||
    result.country_code === code
  );
}

/**
 * How to say the place so the user hears which one was meant: plain when it has no
 * namesakes, with its region when namesakes share its country, with its country otherwise.
 */
export function spokenPlaceName(
  chosen: GeocodingResult,
  results: GeocodingResult[],
  preferredCountry: string | undefined,
): string {
  const namesakes = results.filter((r) => r !== chosen && fold(r.name) === fold(chosen.name));
  if (namesakes.length === 0) return chosen.name;
  const sameCountry = namesakes.some((r) => r.country_code === chosen.country_code);
  if (sameCountry && chosen.admin1) return `${chosen.name}, ${chosen.admin1}`;
  if (chosen.country_code !== preferredCountry && chosen.country) return `${chosen.name}, ${chosen.country}`;
  return chosen.name;
}

/**
 * Ways to read what was said: as one name, then with the last one or two words (or what
 * follows a comma) as the region or country: "springfield illinois", "paris, france".
 */
export function placeReadings(said: string): { name: string; qualifier?: string }[] {
  const [head, ...rest] = said.split(',');
  if (rest.length > 0 && head?.trim()) return [{ name: head.trim(), qualifier: rest.join(' ').trim() }];
  const words = said.trim().split(/\s+/);
  const readings: { name: string; qualifier?: string }[] = [{ name: words.join(' ') }];
  for (let split = words.length - 1; split >= Math.max(1, words.length - 2); split--) {
    readings.push({ name: words.slice(0, split).join(' '), qualifier: words.slice(split).join(' ') });
  }
  return readings;
}

function toFoundPlace(chosen: GeocodingResult, spokenName: string): FoundPlace {
  return {
    name: chosen.name,
    spokenName,
    latitude: chosen.latitude,
    longitude: chosen.longitude,
    countryCode: chosen.country_code,
    country: chosen.country,
    admin1: chosen.admin1,
    timezone: chosen.timezone,
  };
}

/** The place meant by `said`, or null when the geocoder knows none; upstream failures propagate. */
export async function findPlace(
  search: PlaceSearch,
  said: string,
  preferredCountry: string | undefined,
): Promise<FoundPlace | null> {
  for (const reading of placeReadings(said)) {
    const results = await search(reading.name);
    const fitting = reading.qualifier
      ? results.filter((result) => matchesQualifier(result, reading.qualifier!))
      : results;
    const chosen = pickPlace(fitting, reading.name, preferredCountry);
    if (!chosen) continue;
    return toFoundPlace(chosen, spokenPlaceName(chosen, results, preferredCountry));
  }
  return null;
}
