import { describe, expect, it } from 'vitest';
import { addDays, isValidIsoDate, nextMonthDay, nextWeekday, weekdayOf } from './calendar.js';
import { defaultTimeOf, timeInDayPart } from './day-parts.js';
import { daySpans, parseDay, resolveDay, splitDayRef } from './days.js';

describe('parseDay', () => {
  it.each([
    ['today', 'today'],
    ['tonight', 'today@night'],
    ['this evening', 'today@evening'],
    ["today's", 'today'],
    ['tomorrow', 'tomorrow'],
    ['tomorrow morning', 'tomorrow@morning'],
    ["tomorrow's", 'tomorrow'],
    ['the day after tomorrow', 'day-after-tomorrow'],
    ['monday', 'mon'],
    ['on friday', 'fri'],
    ['next sunday', 'sun'],
    ['2026-12-24', '2026-12-24'],
    ['on 2026-12-24', '2026-12-24'],
    ['december 24th', '--12-24'],
    ['on december 24', '--12-24'],
    ['dec 24th 2026', '2026-12-24'],
    ['the 1st of may', '--05-01'],
    ['24 december 2026', '2026-12-24'],
    ['december the twenty fourth', '--12-24'],
    ['february 29', '--02-29'],
    ['friday evening', 'fri@evening'],
    ['on saturday morning', 'sat@morning'],
    ['next monday night', 'mon@night'],
    ['this weekend', 'weekend'],
    ['over the weekend', 'weekend'],
    ['on the 1st', '---01'],
    ['the fifteenth', '---15'],
    // Written short forms, expanded by the normaliser.
    ['tmrw', 'tomorrow'],
    ['tmw morning', 'tomorrow@morning'],
    ['2morrow', 'tomorrow'],
    ['2day', 'today'],
    ['2nite', 'today@night'],
    ['tonite', 'today@night'],
  ])('%j -> %s', (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });

  it.each([
    '',
    'on',
    'on today',
    'yesterday',
    '2026-02-30',
    'february 30',
    'december 32nd',
    'mondays',
    'february 29 2027',
    'friday lunchtime',
    'weekend',
    '1st',
    'the 32nd',
  ])('rejects %j', (text) => {
    expect(parseDay(text)).toBeNull();
  });

  it('offers spans for a day inside a longer utterance', () => {
    expect(daySpans(['on', 'friday', 'at', '9'], 0)).toEqual([{ end: 2, value: 'fri' }]);
    expect(daySpans(['paris'], 0)).toEqual([]);
  });
});

describe('resolveDay', () => {
  const wednesday = '2026-03-04';

  it.each([
    ['today', '2026-03-04'],
    ['tomorrow', '2026-03-05'],
    ['day-after-tomorrow', '2026-03-06'],
    ['fri', '2026-03-06'],
    ['wed', '2026-03-11'],
    ['fri@evening', '2026-03-06'],
    ['weekend', '2026-03-07'],
    ['---04', '2026-03-04'],
    ['---01', '2026-04-01'],
    ['---31', '2026-03-31'],
    ['mon', '2026-03-09'],
    ['--12-24', '2026-12-24'],
    ['--01-02', '2027-01-02'],
    ['2025-05-05', '2025-05-05'],
  ])('%s on a Wednesday -> %s', (ref, expected) => {
    expect(resolveDay(ref, wednesday)).toBe(expected);
  });

  it('resolves only ISO dates without a local date', () => {
    expect(resolveDay('2026-12-24', undefined)).toBe('2026-12-24');
    expect(resolveDay('tomorrow', undefined)).toBeNull();
    expect(resolveDay('fri', undefined)).toBeNull();
  });
});

describe('calendar', () => {
  it('does date arithmetic across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(weekdayOf('2026-03-04')).toBe('wed');
    expect(nextWeekday('2026-03-07', 'sun')).toBe('2026-03-08');
    expect(nextMonthDay('2027-03-01', '--02-29')).toBe('2028-02-29');
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(addDays('not a date', 1)).toBeNull();
  });
});

describe('day parts', () => {
  it('splits a part of the day off a day reference', () => {
    expect(splitDayRef('today@night')).toEqual({ day: 'today', part: 'night' });
    expect(splitDayRef('fri')).toEqual({ day: 'fri', part: undefined });
    expect(resolveDay('tomorrow@evening', '2026-03-04')).toBe('2026-03-05');
  });

  it.each([
    ['10:00', 'night', '22:00'],
    ['02:00', 'night', '02:00'],
    ['03:30', 'afternoon', '15:30'],
    ['07:00', 'evening', '19:00'],
    ['19:00', 'evening', '19:00'],
    ['12:00', 'afternoon', '12:00'],
    ['07:00', 'morning', '07:00'],
    ['07:00', undefined, '07:00'],
  ] as const)('%s in the %s -> %s', (time, part, expected) => {
    expect(timeInDayPart(time, part)).toBe(expected);
  });

  it('picks an hour for a part of the day said without a time', () => {
    expect(defaultTimeOf(undefined)).toBe('09:00');
    expect(defaultTimeOf('morning')).toBe('09:00');
    expect(defaultTimeOf('evening')).toBe('19:00');
    expect(defaultTimeOf('night')).toBe('21:00');
  });
});

describe('the weekend', () => {
  it('is today on a Saturday or Sunday, else the coming Saturday', () => {
    expect(resolveDay('weekend', '2026-03-06')).toBe('2026-03-07');
    expect(resolveDay('weekend', '2026-03-07')).toBe('2026-03-07');
    expect(resolveDay('weekend', '2026-03-08')).toBe('2026-03-08');
    expect(resolveDay('weekend', '2026-03-09')).toBe('2026-03-14');
    expect(resolveDay('weekend', undefined)).toBeNull();
  });
});

describe('a day of the month', () => {
  it('is the next date with that day, skipping months without it', () => {
    expect(resolveDay('---31', '2026-04-02')).toBe('2026-05-31');
    expect(resolveDay('---30', '2026-02-01')).toBe('2026-03-30');
    expect(resolveDay('---15', '2026-12-20')).toBe('2027-01-15');
    expect(resolveDay('---15', undefined)).toBeNull();
  });
});
