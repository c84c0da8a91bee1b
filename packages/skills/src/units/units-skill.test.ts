import { emptyProfile } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { preferredUnits } from '../preferred-units.js';
import { testContext } from '../test-context.fixture.js';
import { findUnit, unitName } from './unit-catalog.js';
import { roundForSpeech, unitsSkill } from './units-skill.js';

const convert = async (value: number | string, from: string, to?: string, locale = 'en-US') =>
  (await unitsSkill.handle('units.convert', { value, from, ...(to ? { to } : {}) }, testContext({ locale })))
    .reply.text;

describe('units skill', () => {
  it.each([
    [5, 'kg', 'lb', '5 kilograms is 11 pounds.'],
    [1, 'l', 'cup', '1 liter is 4.23 cups.'],
    [1, 'cup', 'ml', '1 cup is 237 milliliters.'],
    [2, 'Tbs', 'tsp', '2 tablespoons is 6 teaspoons.'],
    [8, 'fl-oz', 'ml', '8 fluid ounces is 237 milliliters.'],
    [100, 'F', 'C', '100 degrees Fahrenheit is 37.8 degrees Celsius.'],
    [-40, 'C', 'F', '-40 degrees Celsius is -40 degrees Fahrenheit.'],
    [0, 'C', 'K', '0 degrees Celsius is 273 kelvins.'],
    [5.5, 'mi', 'km', '5.5 miles is 8.85 kilometers.'],
    [1, 'mi', 'm', '1 mile is 1,610 meters.'],
    [100, 'km/h', 'mph', '100 kilometers per hour is 62.1 miles per hour.'],
    [90, 'min', 'h', '90 minutes is 1.5 hours.'],
    [1, 'GB', 'MB', '1 gigabyte is 1,000 megabytes.'],
    [1, 'ac', 'm2', '1 acre is 4,050 square meters.'],
    [1000, 'm', 'km', '1,000 meters is 1 kilometer.'],
  ])('%s %s in %s', async (value, from, to, reply) => {
    expect(await convert(value, from, to)).toBe(reply);
  });

  it('spells metric units the British way outside the US', async () => {
    expect(await convert(1, 'cup', 'ml', 'en-GB')).toBe('1 cup is 237 millilitres.');
    expect(await convert(2, 'km', 'm', 'en-GB')).toBe('2 kilometres is 2,000 metres.');
  });

  it('accepts unit names as well as abbreviations', async () => {
    expect(await convert(2, 'kilograms', 'Pounds')).toBe('2 kilograms is 4.41 pounds.');
  });

  it('says which conversions it cannot do', async () => {
    expect(await convert(5, 'kg', 'm')).toBe("I can't convert kilograms to meters.");
    expect(await convert(3, 'furlongs', 'm')).toBe(
      'I don\'t know the unit "furlongs". I can convert length, weight, volume, temperature, speed, time, data sizes and area.',
    );
    expect(await convert(Number.NaN, 'kg', 'lb')).toBe('Which number should I convert?');
  });

  it("converts into the user's system when no target unit is given", async () => {
    expect(await convert(10, 'km')).toBe('10 kilometers is 6.21 miles.');
    expect(await convert(10, 'mi', undefined, 'en-GB')).toBe('10 miles is 16.1 kilometres.');
    expect(await convert(20, 'C')).toBe('20 degrees Celsius is 68 degrees Fahrenheit.');
  });

  it('returns the unrounded result for screens too', async () => {
    const result = await unitsSkill.handle(
      'units.convert',
      { value: 1, from: 'in', to: 'cm' },
      testContext(),
    );
    expect(result.data).toMatchObject({ from: 'in', to: 'cm', measure: 'length', rounded: 2.54 });
    // convert-units' inch anchor is off in the 8th digit; the spoken answer hides it.
    expect(result.data?.result).toBeCloseTo(2.54, 6);
  });
});

describe('unit helpers', () => {
  it('rounds to 3 significant figures without float noise', () => {
    expect(roundForSpeech(1.0000001, 'en-US')).toBe('1');
    expect(roundForSpeech(0.1 + 0.2, 'en-US')).toBe('0.3');
    expect(roundForSpeech(1609.344, 'en-US')).toBe('1,610');
    expect(roundForSpeech(0.000123456, 'en-US')).toBe('0.000123');
    expect(roundForSpeech(-0, 'en-US')).toBe('0');
  });

  it('does not guess between megabits and megabytes by case alone', () => {
    expect(findUnit('MB')?.singular).toBe('Megabyte');
    expect(findUnit('Mb')?.singular).toBe('Megabit');
    expect(findUnit('mb')).toBeUndefined();
  });

  it('names units in lower case but keeps Celsius capitalised', () => {
    expect(unitName(findUnit('C')!, 'many', 'en-US')).toBe('degrees Celsius');
    expect(unitName(findUnit('l')!, 'one', 'en-US')).toBe('liter');
  });
});

describe('preferredUnits', () => {
  it('takes the profile, else the locale country', () => {
    expect(preferredUnits(emptyProfile, 'en-US')).toBe('imperial');
    expect(preferredUnits(emptyProfile, 'en-GB')).toBe('metric');
    expect(preferredUnits(emptyProfile, 'en')).toBe('metric');
    expect(preferredUnits({ ...emptyProfile, units: 'metric' }, 'en-US')).toBe('metric');
  });
});
