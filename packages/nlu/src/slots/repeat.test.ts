import { describe, expect, it } from 'vitest';
import { canonicalRepeat, parseRepeat, repeatSpans } from './repeat.js';

describe('parseRepeat', () => {
  it.each([
    ['daily', 'daily'],
    ['every day', 'daily'],
    ['every morning', 'daily'],
    ['weekdays', 'weekdays'],
    ['on weekdays', 'weekdays'],
    ['every weekday', 'weekdays'],
    ['monday to friday', 'weekdays'],
    ['weekends', 'weekends'],
    ['every weekend', 'weekends'],
    ['on saturdays', 'sat'],
    ['saturdays', 'sat'],
    ['every monday', 'mon'],
    ['every monday and wednesday', 'mon,wed'],
    ['every wednesday and monday', 'mon,wed'],
    ['every monday and every friday', 'mon,fri'],
    ['on mondays and wednesdays', 'mon,wed'],
    ['every monday wednesday and friday', 'mon,wed,fri'],
    ['every sunday and saturday', 'weekends'],
    ['on saturdays and sundays', 'weekends'],
    ['weekday', 'weekdays'],
    ['every workday', 'weekdays'],
    ['on school days', 'weekdays'],
  ])('%j -> %s', (text, expected) => {
    expect(parseRepeat(text)).toBe(expected);
  });

  it.each(['', 'every', 'on saturday', 'monday', 'every monday and', 'sometimes', 'on weekdays and'])(
    'rejects %j',
    (text) => {
      expect(parseRepeat(text)).toBeNull();
    },
  );

  it('collapses day sets to the named rules', () => {
    expect(canonicalRepeat(['fri', 'thu', 'wed', 'tue', 'mon'])).toBe('weekdays');
    expect(canonicalRepeat(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])).toBe('daily');
    expect(canonicalRepeat(['sun', 'mon', 'mon'])).toBe('mon,sun');
  });

  it('offers spans that stop where the rule ends', () => {
    expect(repeatSpans(['on', 'saturdays', 'called', 'gym'], 0)).toEqual([{ end: 2, value: 'sat' }]);
  });
});
