import { describe, expect, it } from 'vitest';
import { clockTimeSpans, parseClockTime } from './clock-times.js';

describe('parseClockTime', () => {
  it.each([
    ['6:30 am', '06:30'],
    ['6:30am', '06:30'],
    ['6:30 p.m.', '18:30'],
    ['18:45', '18:45'],
    ['0:15', '00:15'],
    ['7.30', '07:30'],
    ['7', '07:00'],
    ['19', '19:00'],
    ['7 pm', '19:00'],
    ['7pm', '19:00'],
    ['12 am', '00:00'],
    ['12 pm', '12:00'],
    ["7 o'clock", '07:00'],
    ['seven oclock in the evening', '19:00'],
    ['half past six', '06:30'],
    ['half past six pm', '18:30'],
    ['quarter to eight', '07:45'],
    ['a quarter past 7', '07:15'],
    ['quarter to twelve', '11:45'],
    ['quarter to one', '12:45'],
    ['ten past six', '06:10'],
    ['twenty five to nine', '08:35'],
    ['five minutes past ten', '10:05'],
    ['7 in the morning', '07:00'],
    ['3 in the afternoon', '15:00'],
    ['10 at night', '22:00'],
    ['12 at night', '00:00'],
    ['2 at night', '02:00'],
    ['noon', '12:00'],
    ['midday', '12:00'],
    ['midnight', '00:00'],
    ['seven thirty', '07:30'],
    ['seven thirty pm', '19:30'],
    ['seven forty five', '07:45'],
    ['seven oh five', '07:05'],
    ['7 05', '07:05'],
    ['nine tonight', '21:00'],
    ['half seven', '07:30'],
    ['half 6 pm', '18:30'],
    ['ten of seven', '06:50'],
    ['quarter of eight', '07:45'],
    ['0630', '06:30'],
    ['12 noon', '12:00'],
    ['twelve midnight', '00:00'],
    ['7 a clock', '07:00'],
    ['seven o clock pm', '19:00'],
  ])('%j -> %s', (text, expected) => {
    expect(parseClockTime(text)).toBe(expected);
  });

  it.each([
    '',
    '25:00',
    '7:60',
    '13 pm',
    '19 am',
    'seven five',
    'thirty',
    'half past',
    'quarter to',
    'noon pm',
    'o clock',
    '2026',
    '1930',
    'half',
    '12 noon pm',
  ])('rejects %j', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });
});

describe('clockTimeSpans', () => {
  it('offers the longest reading first', () => {
    const spans = clockTimeSpans(['7', '30', 'pm', 'tomorrow'], 0);
    expect(spans[0]).toEqual({ end: 3, value: '19:30' });
    expect(spans.map((span) => span.end)).toEqual([3, 2, 1]);
  });

  it('skips tokens that cannot start a time', () => {
    expect(clockTimeSpans(['at', '7'], 0)).toEqual([]);
  });
});
