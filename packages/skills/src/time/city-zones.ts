import { canonicalTimeZone, isValidTimeZone } from '@hark/core';
import cityTimezones from 'city-timezones';
import { normalizePlace, regionZone } from './region-zones.js';

export interface ResolvedPlace {
  /** The place as Hark will say it, e.g. "Tokyo" or "New South Wales". */
  name: string;
  timeZone: string;
  /** Said when the place spans several zones and this is its main one: "Central time". */
  zoneName?: string;
}

type CityData = (typeof cityTimezones.cityMapping)[number];

/** Names people use for countries that the data set spells differently. */
/** The alias's meaning, or the text itself: own entries only, so "constructor" is just a word. */
const aliasOf = (aliases: Readonly<Record<string, string>>, text: string): string =>
  Object.hasOwn(aliases, text) ? aliases[text]! : text;

const countryAliases: Record<string, string> = {
  usa: 'united states of america',
  us: 'united states of america',
  'united states': 'united states of america',
  america: 'united states of america',
  uk: 'united kingdom',
  britain: 'united kingdom',
  'great britain': 'united kingdom',
  england: 'united kingdom',
  scotland: 'united kingdom',
  wales: 'united kingdom',
  holland: 'netherlands',
  'the netherlands': 'netherlands',
};

/** Nicknames and old names people say for cities. */
const cityAliases: Record<string, string> = {
  nyc: 'new york',
  'new york city': 'new york',
  la: 'los angeles',
  sf: 'san francisco',
  kiev: 'kyiv',
  bombay: 'mumbai',
  peking: 'beijing',
  'saint petersburg': 'st. petersburg',
};

interface PlaceIndex {
  cities: Map<string, CityData[]>;
  provinces: Map<string, CityData>;
  countries: Map<string, CityData>;
}

/** For each name, keep the most populous entry: "London" means the one in England. */
function keepMostPopulous(map: Map<string, CityData>, name: string, city: CityData): void {
  const current = map.get(name);
  if (!current || city.pop > current.pop) map.set(name, city);
}

let index: PlaceIndex | undefined;

function placeIndex(): PlaceIndex {
  if (index) return index;
  const built: PlaceIndex = { cities: new Map(), provinces: new Map(), countries: new Map() };
  for (const city of cityTimezones.cityMapping) {
    if (!city.timezone) continue;
    for (const name of new Set([normalizePlace(city.city), normalizePlace(city.city_ascii)])) {
      const list = built.cities.get(name) ?? [];
      list.push(city);
      built.cities.set(name, list);
    }
    if (city.province) keepMostPopulous(built.provinces, normalizePlace(city.province), city);
    keepMostPopulous(built.countries, normalizePlace(city.country), city);
  }
  for (const list of built.cities.values()) list.sort((a, b) => b.pop - a.pop);
  index = built;
  return built;
}

const matchesRegion = (city: CityData, region: string): boolean =>
  [city.country, city.province, city.iso2, city.iso3].some(
    (field) => field && normalizePlace(field) === region,
  );

/** "paris france" or "portland oregon": a city narrowed by the country or province after it. */
function cityWithRegion(words: string[], places: PlaceIndex): CityData | undefined {
  for (let split = words.length - 1; split > 0; split--) {
    const candidates = places.cities.get(words.slice(0, split).join(' '));
    if (!candidates) continue;
    const regionText = words.slice(split).join(' ');
    const region = aliasOf(countryAliases, regionText);
    const match = candidates.find((city) => matchesRegion(city, region));
    if (match) return match;
  }
  return undefined;
}

/** How a place is looked up: "The UK" -> "uk". */
export const placeKey = (spoken: string): string => normalizePlace(spoken).replace(/^the /, '');

/**
 * City, province, country or IANA zone name -> time zone, offline. Countries, states and
 * provinces come from region-zones.ts first; ambiguous city names resolve to the most
 * populous place of that name. Null when nothing matches.
 */
export function resolvePlace(spoken: string): ResolvedPlace | null {
  const said = placeKey(spoken);
  if (!said) return null;
  const region = regionZone(said);
  if (region) return region;
  const text = aliasOf(cityAliases, said);
  const places = placeIndex();
  const city =
    places.cities.get(text)?.[0] ??
    places.cities.get(text.replace(/ city$/, ''))?.[0] ??
    cityWithRegion(text.split(' '), places);
  if (city) return { name: city.city, timeZone: city.timezone };
  const province = places.provinces.get(text);
  if (province) return { name: province.province, timeZone: province.timezone };
  const country = places.countries.get(aliasOf(countryAliases, text));
  if (country) return { name: country.country, timeZone: country.timezone };
  const zone = spoken.trim();
  if (/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(zone) && isValidTimeZone(zone)) {
    const timeZone = canonicalTimeZone(zone);
    return { name: timeZone.replace(/_/g, ' '), timeZone };
  }
  return null;
}
