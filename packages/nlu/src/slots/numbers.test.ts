import { describe, expect, it } from 'vitest';
import { numberSpans, parseNumber } from './numbers.js';

describe('parseNumber', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['1.5', 1.5],
    ['1/2', 0.5],
    ['1 1/2', 1.5],
    ['3/4', 0.75],
    ['2 3/4', 2.75],
    ['-40', -40],
    ['minus forty', -40],
    ['a', 1],
    ['an', 1],
    ['half', 0.5],
    ['a half', 0.5],
    ['a quarter', 0.25],
    ['three quarters', 0.75],
    ['zero', 0],
    ['seven', 7],
    ['thirteen', 13],
    ['twenty', 20],
    ['twenty five', 25],
    ['forty-five', 45],
    ['one hundred', 100],
    ['a hundred', 100],
    ['one hundred and twenty', 120],
    ['one hundred twenty', 120],
    ['fifteen hundred', 1500],
    ['two thousand and five', 2005],
    ['three thousand four hundred and fifty six', 3456],
    ['two million', 2_000_000],
    ['2 thousand', 2000],
    ['two and a half', 2.5],
    ['one and a quarter', 1.25],
    ['three and three quarters', 3.75],
    ['one point five', 1.5],
    ['two point two five', 2.25],
  ])('%j -> %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each([
    '',
    'five five',
    'twenty fifteen',
    'twenty hundred',
    'hundred',
    'one and',
    'one hundred and',
    'thousand thousand',
    'a a',
    'three zero',
    'eggs',
    '1/0',
    'one point',
    'and a half',
  ])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('numberSpans', () => {
  it('offers every number prefix, longest first', () => {
    const tokens = ['twenty', 'five', 'minutes'];
    expect(numberSpans(tokens, 0)).toEqual([
      { end: 2, value: 25 },
      { end: 1, value: 20 },
    ]);
  });

  it('starts anywhere in the tokens', () => {
    expect(numberSpans(['for', 'two', 'and', 'a', 'half', 'minutes'], 1)[0]).toEqual({ end: 5, value: 2.5 });
    expect(numberSpans(['for', 'minutes'], 1)).toEqual([]);
  });
});

describe('parseWordInteger bounds', () => {
  it('never ends a number on "and", even when a number word follows outside the slice', () => {
    expect(numberSpans(['one', 'hundred', 'and', 'twenty', 'pounds'], 0).map((span) => span.end)).toEqual([
      4, 2, 1,
    ]);
  });
});
