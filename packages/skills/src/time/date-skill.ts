import { type DateAsk, type HolidayId, holidayIds } from '@hark/contracts';
import { luxonZone } from '@hark/core';
import { DateTime } from 'luxon';
import { localeRegion } from '../preferred-units.js';
import { type Skill, type SkillContext, type SkillResult, say } from '../skill.js';
import { holidayName, nextHolidayDate } from './holidays.js';

/**
 * date.get: today's date, or another day's (`day`, an ISO date) or a holiday's (`holiday`,
 * resolved here to its next date from the user's local date), answered as its date, its
 * day of the week, or the days left until it (`ask`).
 */

interface AskedDay {
  date: DateTime;
  /** Whole calendar days from the user's today; negative for a day gone by. */
  days: number;
  holiday?: HolidayId;
}

const isHoliday = (value: unknown): value is HolidayId =>
  typeof value === 'string' && (holidayIds as readonly string[]).includes(value);

const isAsk = (value: unknown): value is DateAsk =>
  value === 'date' || value === 'weekday' || value === 'days_until';

/** "Friday, March 13, 2026" / "Friday 13 March 2026", as the locale writes it. */
const fullDate = (date: DateTime) => date.toLocaleString(DateTime.DATE_HUGE);
/** "March 13" / "13 March". */
const monthDay = (date: DateTime) => date.toLocaleString({ month: 'long', day: 'numeric' });
const weekday = (date: DateTime) => date.toFormat('cccc');
const inDays = (days: number) => `${days} day${days === 1 ? '' : 's'}`;

function askedDay(slots: Record<string, unknown>, today: DateTime, locale: string): AskedDay | null {
  const todayIso = today.toISODate()!;
  const holiday = isHoliday(slots.holiday) ? slots.holiday : undefined;
  const iso = holiday ? nextHolidayDate(holiday, todayIso, localeRegion(locale)) : slots.day;
  if (typeof iso !== 'string') return null;
  const date = DateTime.fromISO(iso, { locale });
  if (!date.isValid) return null;
  const days = Math.round(date.diff(DateTime.fromISO(todayIso), 'days').days);
  return { date, days, ...(holiday ? { holiday } : {}) };
}

function holidayReply({ date, days, holiday }: AskedDay & { holiday: HolidayId }, ask: DateAsk): string {
  const name = holidayName(holiday);
  if (days === 0) return `${name} is today, ${fullDate(date)}.`;
  if (days === 1) return `${name} is tomorrow, ${fullDate(date)}.`;
  if (ask === 'days_until') return `${name} is in ${inDays(days)}, on ${fullDate(date)}.`;
  if (ask === 'weekday') {
    // The next date of a holiday is this year's, or next year's once this year's has passed.
    const which = date.year === date.minus({ days }).year ? 'this year' : 'next year';
    return `${name} falls on a ${weekday(date)} ${which}, ${monthDay(date)}.`;
  }
  return `${name} is on ${fullDate(date)}.`;
}

function dayReply({ date, days }: AskedDay, ask: DateAsk): string {
  if (days < 0) {
    const ago = ask === 'days_until' ? `, ${inDays(-days)} ago` : '';
    return `That was ${fullDate(date)}${ago}.`;
  }
  if (days === 0)
    return ask === 'weekday' ? `Today is ${weekday(date)}.` : `That's today, ${fullDate(date)}.`;
  if (days === 1) return `Tomorrow is ${fullDate(date)}.`;
  if (ask === 'days_until') return `There are ${inDays(days)} until ${fullDate(date)}.`;
  if (ask === 'weekday') return `${date.toLocaleString(DateTime.DATE_FULL)} is a ${weekday(date)}.`;
  return days < 7
    ? `${weekday(date)} is ${date.toLocaleString(DateTime.DATE_FULL)}.`
    : `That's ${fullDate(date)}.`;
}

function answerDate(slots: Record<string, unknown>, context: SkillContext): SkillResult {
  const today = DateTime.fromMillis(context.now.getTime(), {
    zone: luxonZone(context.timeZone),
    locale: context.locale,
  }).startOf('day');
  const { timeZone } = context;
  const asked = askedDay(slots, today, context.locale);
  if (!asked) return say(`Today is ${fullDate(today)}.`, { data: { timeZone, date: today.toISODate() } });
  const ask = isAsk(slots.ask) ? slots.ask : 'date';
  const text = asked.holiday ? holidayReply({ ...asked, holiday: asked.holiday }, ask) : dayReply(asked, ask);
  return say(text, {
    data: {
      timeZone,
      today: today.toISODate(),
      date: asked.date.toISODate(),
      daysUntil: asked.days,
      ask,
      ...(asked.holiday ? { holiday: asked.holiday } : {}),
    },
  });
}

export const dateSkill: Skill = {
  id: 'date',
  intents: ['date.get'],
  help: 'tell today\'s date, or the date of another day or a holiday ("how many days until Christmas")',
  handle: (_intent, slots, context) => answerDate(slots, context),
};
