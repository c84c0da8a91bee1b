import { describe, expect, it } from 'vitest';
import type { GeocodingResult } from './open-meteo-schemas.js';
import { findPlace, matchesQualifier, pickPlace, placeReadings, spokenPlaceName } from './place-finder.js';

const place = (name: string, country_code: string, population: number, admin1: string, country: string) => ({
  name,
  latitude: population / 1e6,
  longitude: population / 1e7,
  country_code,
  population,
  admin1,
  country,
});

const parisTexas = place('Paris', 'US', 24_782, 'Texas', 'United States');
const parisFrance = place('Paris', 'FR', 2_138_551, 'Île-de-France', 'France');
const parisTennessee = place('Paris', 'US', 10_156, 'Tennessee', 'United States');
const parisot = place('Parisot', 'FR', 5_000_000, 'Occitanie', 'France');
const paris = [parisTexas, parisFrance, parisTennessee];

const springfieldIllinois = place('Springfield', 'US', 116_565, 'Illinois', 'United States');
const springfieldMissouri = place('Springfield', 'US', 166_810, 'Missouri', 'United States');
const springfieldQueensland = place('Springfield', 'AU', 18_000, 'Queensland', 'Australia');
const springfield = [springfieldIllinois, springfieldMissouri, springfieldQueensland];

const londonOntario = place('London', 'CA', 383_822, 'Ontario', 'Canada');
const londonEngland = place('London', 'GB', 8_961_989, 'England', 'United Kingdom');
const london = [londonOntario, londonEngland];

describe('pickPlace', () => {
  it('takes the most populous namesake', () => {
    expect(pickPlace(paris, 'paris', undefined)).toBe(parisFrance);
    expect(pickPlace(springfield, 'springfield', undefined)).toBe(springfieldMissouri);
  });

  it("prefers the user's country unless a foreign namesake is far bigger", () => {
    expect(pickPlace(springfield, 'springfield', 'AU')).toBe(springfieldQueensland);
    expect(pickPlace(london, 'london', 'CA')).toBe(londonOntario);
    // Paris, France is 86 times bigger than Paris, Texas.
    expect(pickPlace(paris, 'paris', 'US')).toBe(parisFrance);
    expect(pickPlace(london, 'london', 'US')).toBe(londonEngland);
  });

  it('prefers exact names over bigger places that merely start the same', () => {
    expect(pickPlace([parisot, ...paris], 'paris', undefined)).toBe(parisFrance);
    expect(pickPlace([parisot], 'paris', undefined)).toBe(parisot);
  });

  it('counts a missing population as zero and returns undefined for no results', () => {
    const { population: _, ...unknownSize } = parisTexas;
    expect(pickPlace([unknownSize, parisTennessee], 'paris', undefined)).toBe(parisTennessee);
    expect(pickPlace([], 'paris', 'US')).toBeUndefined();
  });
});

describe('spokenPlaceName', () => {
  it('says the region when namesakes share the country, the country when the place is abroad', () => {
    expect(spokenPlaceName(springfieldMissouri, springfield, 'US')).toBe('Springfield, Missouri');
    expect(spokenPlaceName(parisFrance, paris, 'US')).toBe('Paris, France');
    expect(spokenPlaceName(parisFrance, paris, 'FR')).toBe('Paris');
    expect(spokenPlaceName(londonEngland, [londonEngland], 'US')).toBe('London');
  });
});

describe('placeReadings and qualifiers', () => {
  it('reads trailing words or what follows a comma as a region or country', () => {
    expect(placeReadings('springfield illinois')).toEqual([
      { name: 'springfield illinois' },
      { name: 'springfield', qualifier: 'illinois' },
    ]);
    expect(placeReadings('paris, france')).toEqual([{ name: 'paris', qualifier: 'france' }]);
    expect(placeReadings('rio de janeiro')).toEqual([
      { name: 'rio de janeiro' },
      { name: 'rio de', qualifier: 'janeiro' },
      { name: 'rio', qualifier: 'de janeiro' },
    ]);
    expect(placeReadings('tokyo')).toEqual([{ name: 'tokyo' }]);
  });

  it('matches regions, countries, codes and common country names', () => {
    expect(matchesQualifier(springfieldIllinois, 'Illinois')).toBe(true);
    expect(matchesQualifier(parisFrance, 'france')).toBe(true);
    expect(matchesQualifier(parisFrance, 'ile de france')).toBe(true);
    expect(matchesQualifier(londonEngland, 'uk')).toBe(true);
    expect(matchesQualifier(parisTexas, 'usa')).toBe(true);
    expect(matchesQualifier(parisTexas, 'france')).toBe(false);
  });
});

describe('findPlace', () => {
  const index: Record<string, GeocodingResult[]> = { paris, springfield, london };
  const searched: string[] = [];
  const search = async (name: string) => {
    searched.push(name);
    return index[name] ?? [];
  };

  it('finds "springfield illinois" by searching the name and filtering by region', async () => {
    searched.length = 0;
    const found = await findPlace(search, 'springfield illinois', 'US');
    expect(found).toMatchObject({
      name: 'Springfield',
      spokenName: 'Springfield, Illinois',
      countryCode: 'US',
    });
    expect(searched).toEqual(['springfield illinois', 'springfield']);
  });

  it('finds "paris texas" for a French user too', async () => {
    expect(await findPlace(search, 'paris texas', 'FR')).toMatchObject({ spokenName: 'Paris, Texas' });
  });

  it('returns null for places nobody knows', async () => {
    expect(await findPlace(search, 'atlantis', 'US')).toBeNull();
    expect(await findPlace(search, 'paris narnia', 'US')).toBeNull();
  });
});
