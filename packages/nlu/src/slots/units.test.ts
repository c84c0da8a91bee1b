import { describe, expect, it } from 'vitest';
import { canonicalUnits, parseUnit, unitMeasure, unitSpans } from './units.js';

describe('parseUnit', () => {
  it.each([
    ['km', 'km'],
    ['kilometres', 'km'],
    ['miles', 'mi'],
    ['feet', 'ft'],
    ['inch', 'in'],
    ['pounds', 'lb'],
    ['lbs', 'lb'],
    ['kilos', 'kg'],
    ['ounces', 'oz'],
    ['fluid ounces', 'fl-oz'],
    ['fl oz', 'fl-oz'],
    ['tablespoons', 'Tbs'],
    ['tbsp', 'Tbs'],
    ['teaspoon', 'tsp'],
    ['cups', 'cup'],
    ['liters', 'l'],
    ['millilitres', 'ml'],
    ['celsius', 'C'],
    ['degrees fahrenheit', 'F'],
    ['°C', 'C'],
    ['kelvin', 'K'],
    ['mph', 'mph'],
    ['miles per hour', 'mph'],
    ['km/h', 'km/h'],
    ['kilometers per hour', 'km/h'],
    ['meters per second', 'm/s'],
    ['gigabytes', 'GB'],
    ['mb', 'MB'],
    ['square feet', 'ft2'],
    ['acres', 'ac'],
    ['minutes', 'min'],
  ])('%j -> %s', (text, expected) => {
    expect(parseUnit(text)).toBe(expected);
  });

  it.each(['', 'calories', 'degrees', 'fluid', 'square', 'usd'])('rejects %j', (text) => {
    expect(parseUnit(text)).toBeNull();
  });

  it('prefers the longest phrase', () => {
    expect(unitSpans(['miles', 'per', 'hour', 'in'], 0)).toEqual([
      { end: 3, value: 'mph' },
      { end: 1, value: 'mi' },
    ]);
  });

  it('gives every canonical unit exactly one measure', () => {
    expect(new Set(canonicalUnits).size).toBe(canonicalUnits.length);
    for (const unit of canonicalUnits) expect(unitMeasure(unit)).toBeDefined();
    expect(unitMeasure('km')).toBe(unitMeasure('mi'));
    expect(unitMeasure('km')).not.toBe(unitMeasure('kg'));
  });
});
