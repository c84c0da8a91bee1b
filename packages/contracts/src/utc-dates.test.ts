import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayStart,
  daysBetween,
  daysInRange,
  firstDayOfMonth,
  lastDayOfMonth,
  monthOfDay,
  monthsTouching,
  nextMonth,
  utcDay,
  utcMonth,
} from './utc-dates.js';

describe('UTC days and months', () => {
  it.each([
    ['2026-11-26T00:00:00.000Z', '2026-11-26', '2026-11'],
    ['2026-11-26T23:59:59.999Z', '2026-11-26', '2026-11'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31', '2026-12'],
    ['2027-01-01T00:00:00.000Z', '2027-01-01', '2027-01'],
    ['2028-02-29T12:00:00.000Z', '2028-02-29', '2028-02'],
  ])('%s is on UTC day %s of month %s', (at, day, month) => {
    expect(utcDay(new Date(at))).toBe(day);
    expect(utcMonth(new Date(at))).toBe(month);
    expect(monthOfDay(day)).toBe(month);
  });

  it('counts in UTC whatever the instant was written in', () => {
    expect(utcDay(new Date('2026-11-26T23:30:00-05:00'))).toBe('2026-11-27');
    expect(utcMonth(new Date('2027-01-01T00:30:00+01:00'))).toBe('2026-12');
  });

  it('writes the same strings as padded UTC fields (the formula quotas and metering used)', () => {
    const pad = (value: number) => String(value).padStart(2, '0');
    const earliest = Date.UTC(1000, 0, 1);
    const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.integer({ min: earliest, max: latest }), (ms) => {
        const at = new Date(ms);
        const month = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}`;
        expect(utcMonth(at)).toBe(month);
        expect(utcDay(at)).toBe(`${month}-${pad(at.getUTCDate())}`);
      }),
    );
  });

  it.each([
    ['2026-01', '2026-01-31'],
    ['2026-02', '2026-02-28'],
    ['2028-02', '2028-02-29'],
    ['2000-02', '2000-02-29'],
    ['2100-02', '2100-02-28'],
    ['2026-04', '2026-04-30'],
    ['2026-12', '2026-12-31'],
  ])('month %s ends on %s', (month, last) => {
    expect(firstDayOfMonth(month)).toBe(`${month}-01`);
    expect(lastDayOfMonth(month)).toBe(last);
  });

  it('adds days across month ends, leap days and the year boundary', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-11-26', 0)).toBe('2026-11-26');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2028-01-01', 365)).toBe('2028-12-31');
  });

  it('starts a day at midnight UTC', () => {
    expect(dayStart('2026-11-26').toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('lists and counts the days of a range, both ends included', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(daysBetween('2026-11-27', '2026-11-26')).toEqual([]);
    expect(daysInRange('2026-11-26', '2026-11-26')).toBe(1);
    expect(daysInRange('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysInRange('2026-12-31', '2027-01-01')).toBe(2);
    expect(daysInRange('2026-11-27', '2026-11-26')).toBe(0);
  });

  it('steps and spans months across the year boundary', () => {
    expect(nextMonth('2026-11')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthsTouching('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsTouching('2026-02-03', '2026-02-27')).toEqual(['2026-02']);
  });
});
