import type { HolidayId } from '@hark/contracts';
import { DateTime } from 'luxon';

/**
 * When holidays fall, as rules rather than dates: a fixed day, the nth weekday of a month
 * (Thanksgiving, the fourth Thursday of November), or days from Easter. Where a holiday
 * falls on another day in the user's country (Canada's Thanksgiving, Britain's Mothering
 * Sunday, Australia's Father's Day), the locale's region picks that rule.
 */

type HolidayRule =
  | { kind: 'fixed'; month: number; day: number }
  /** `nth` 1-5 counts from the start of the month; luxon weekdays are 1 (Monday) to 7 (Sunday). */
  | { kind: 'nth_weekday'; month: number; weekday: number; nth: number }
  | { kind: 'from_easter'; days: number };

interface Holiday {
  /** As Hark says it. */
  name: string;
  rule: HolidayRule;
  /** Rules of regions (ISO 3166 codes) where the holiday falls on another day. */
  regional?: Readonly<Record<string, HolidayRule>>;
}

const SUNDAY = 7;
const MONDAY = 1;
const THURSDAY = 4;
const fixed = (month: number, day: number): HolidayRule => ({ kind: 'fixed', month, day });
const nth = (n: number, weekday: number, month: number): HolidayRule => ({
  kind: 'nth_weekday',
  month,
  weekday,
  nth: n,
});
/** Mothering Sunday: the fourth Sunday of Lent, three weeks before Easter. */
const MOTHERING_SUNDAY: HolidayRule = { kind: 'from_easter', days: -21 };

const HOLIDAYS: Readonly<Record<HolidayId, Holiday>> = {
  new_years_day: { name: "New Year's Day", rule: fixed(1, 1) },
  valentines_day: { name: "Valentine's Day", rule: fixed(2, 14) },
  st_patricks_day: { name: "St. Patrick's Day", rule: fixed(3, 17) },
  easter: { name: 'Easter', rule: { kind: 'from_easter', days: 0 } },
  mothers_day: {
    name: "Mother's Day",
    rule: nth(2, SUNDAY, 5),
    regional: { GB: MOTHERING_SUNDAY, IE: MOTHERING_SUNDAY },
  },
  fathers_day: {
    name: "Father's Day",
    rule: nth(3, SUNDAY, 6),
    regional: { AU: nth(1, SUNDAY, 9), NZ: nth(1, SUNDAY, 9) },
  },
  independence_day: { name: 'Independence Day', rule: fixed(7, 4) },
  halloween: { name: 'Halloween', rule: fixed(10, 31) },
  thanksgiving: { name: 'Thanksgiving', rule: nth(4, THURSDAY, 11), regional: { CA: nth(2, MONDAY, 10) } },
  christmas_eve: { name: 'Christmas Eve', rule: fixed(12, 24) },
  christmas: { name: 'Christmas', rule: fixed(12, 25) },
  new_years_eve: { name: "New Year's Eve", rule: fixed(12, 31) },
};

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus). */
export function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

function dateInYear(rule: HolidayRule, year: number): DateTime {
  switch (rule.kind) {
    case 'fixed':
      return DateTime.utc(year, rule.month, rule.day);
    case 'nth_weekday': {
      const first = DateTime.utc(year, rule.month, 1);
      const toWeekday = (rule.weekday - first.weekday + 7) % 7;
      return first.plus({ days: toWeekday + 7 * (rule.nth - 1) });
    }
    case 'from_easter':
      return easterSunday(year).plus({ days: rule.days });
  }
}

export const holidayName = (id: HolidayId): string => HOLIDAYS[id].name;

/**
 * The holiday's next date on or after `today` (an ISO date, the user's local date), as an
 * ISO date; `region` (from the locale, "US", "GB", "CA") picks a regional rule.
 */
export function nextHolidayDate(id: HolidayId, today: string, region?: string): string {
  const holiday = HOLIDAYS[id];
  const rule = (region && holiday.regional?.[region]) || holiday.rule;
  const year = Number(today.slice(0, 4));
  const thisYear = dateInYear(rule, year).toISODate()!;
  return thisYear >= today ? thisYear : dateInYear(rule, year + 1).toISODate()!;
}
