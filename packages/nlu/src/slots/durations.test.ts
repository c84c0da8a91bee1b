import { describe, expect, it } from 'vitest';
import { durationSpans, parseDuration } from './durations.js';

describe('parseDuration', () => {
  it.each([
    ['10 minutes', 600],
    ['a minute', 60],
    ['an hour', 3600],
    ['5 min', 300],
    ['90 sec', 90],
    ['2 hrs', 7200],
    ['1 day', 86_400],
    ['twenty five minutes', 1500],
    ['one hundred and twenty seconds', 120],
    ['an hour and a half', 5400],
    ['a minute and a half', 90],
    ['two and a half minutes', 150],
    ['1.5 hours', 5400],
    ['a quarter of an hour', 900],
    ['quarter of an hour', 900],
    ['three quarters of an hour', 2700],
    ['quarter hour', 900],
    ['half an hour', 1800],
    ['half a minute', 30],
    ['a half hour', 1800],
    ['1 hour 20 minutes and 10 seconds', 4810],
    ['1 hour, 20 minutes', 4800],
    ['2 hours and 30 minutes', 9000],
    ['1h30m', 5400],
    ['1 h 30 m', 5400],
    ['5 more minutes', 300],
    ['10 minute', 600],
    ['1/2 hour', 1800],
    // Written fractions and short units, as typed or transcribed.
    ['1/2 an hour', 1800],
    ['3/4 of an hour', 2700],
    ['1/4 hour', 900],
    ['1 1/2 hours', 5400],
    ['half of an hour', 1800],
    ['a quarter hour', 900],
    ['10 min', 600],
    ['5 mins', 300],
    ['30 secs', 30],
    ['90s', 90],
    ['2hrs', 7200],
    ['a week', 604_800],
    ['2 weeks', 1_209_600],
    ['a fortnight', 1_209_600],
    ['a couple of minutes', 120],
    ['couple hours', 7200],
    ['another minute', 60],
  ])('%j -> %d s', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each([
    '',
    'minutes',
    '0 minutes',
    'minus 5 minutes',
    '5 minutes 2 hours',
    '10 minutes and',
    'half past six',
    'ten',
    'a few minutes',
    'another',
    'a couple',
  ])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('rounds to whole seconds', () => {
    expect(parseDuration('1.25 seconds')).toBe(1);
    expect(parseDuration('0.2 seconds')).toBeNull();
  });
});

describe('durationSpans', () => {
  it('offers each complete component boundary, longest first', () => {
    const tokens = ['1', 'hour', 'and', '20', 'minutes', 'to', 'the', 'timer'];
    expect(durationSpans(tokens, 0)).toEqual([
      { end: 5, value: 4800 },
      { end: 2, value: 3600 },
    ]);
  });
});
