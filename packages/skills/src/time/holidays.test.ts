import { describe, expect, it } from 'vitest';
import { easterSunday, nextHolidayDate } from './holidays.js';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('%d -> %s', (year, date) => {
    expect(easterSunday(year).toISODate()).toBe(date);
  });
});

describe('nextHolidayDate', () => {
  it.each([
    ['christmas', '2026-03-10', undefined, '2026-12-25'],
    ['christmas', '2026-12-25', undefined, '2026-12-25'],
    ['christmas', '2026-12-26', undefined, '2027-12-25'],
    ['new_years_day', '2026-12-02', undefined, '2027-01-01'],
    ['thanksgiving', '2026-03-10', 'US', '2026-11-26'],
    ['thanksgiving', '2027-03-10', undefined, '2027-11-25'],
    ['thanksgiving', '2026-03-10', 'CA', '2026-10-12'],
    ['easter', '2026-04-06', undefined, '2027-03-28'],
    ['mothers_day', '2026-03-10', 'US', '2026-05-10'],
    ['mothers_day', '2026-03-10', 'GB', '2026-03-15'],
    ['fathers_day', '2026-03-10', 'US', '2026-06-21'],
    ['fathers_day', '2026-03-10', 'AU', '2026-09-06'],
    ['st_patricks_day', '2026-03-10', undefined, '2026-03-17'],
    ['independence_day', '2026-07-05', undefined, '2027-07-04'],
    ['halloween', '2026-03-10', undefined, '2026-10-31'],
    ['valentines_day', '2026-03-10', undefined, '2027-02-14'],
    ['christmas_eve', '2026-03-10', undefined, '2026-12-24'],
    ['new_years_eve', '2026-03-10', undefined, '2026-12-31'],
  ] as const)('%s after %s (%s) -> %s', (id, today, region, date) => {
    expect(nextHolidayDate(id, today, region)).toBe(date);
  });
});
