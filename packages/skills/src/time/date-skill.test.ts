import type { Slots } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test-context.fixture.js';
import { dateSkill } from './date-skill.js';

// Tuesday 10 March 2026, 9:00 in New York.
const tuesday = testContext({ now: new Date('2026-03-10T13:00:00Z'), timeZone: 'America/New_York' });
const reply = async (slots: Slots, context = tuesday) =>
  (await dateSkill.handle('date.get', slots, context)).reply.text;

describe('date skill: other days', () => {
  it.each([
    [{ day: '2026-03-13', ask: 'date' }, 'Friday is March 13, 2026.'],
    [{ day: '2026-03-11', ask: 'date' }, 'Tomorrow is Wednesday, March 11, 2026.'],
    [{ day: '2026-12-24', ask: 'date' }, "That's Thursday, December 24, 2026."],
    [{ day: '2026-03-14', ask: 'weekday' }, 'March 14, 2026 is a Saturday.'],
    [{ day: '2026-03-10', ask: 'weekday' }, 'Today is Tuesday.'],
    [{ day: '2026-03-13', ask: 'days_until' }, 'There are 3 days until Friday, March 13, 2026.'],
    [{ day: '2026-03-11', ask: 'days_until' }, 'Tomorrow is Wednesday, March 11, 2026.'],
    [{ day: '2026-03-01', ask: 'days_until' }, 'That was Sunday, March 1, 2026, 9 days ago.'],
    [{ day: '2026-03-13' }, 'Friday is March 13, 2026.'],
  ])('%j -> %s', async (slots, text) => {
    expect(await reply(slots)).toBe(text);
  });

  it('puts the asked date and the days until it in data', async () => {
    const result = await dateSkill.handle('date.get', { day: '2026-03-13', ask: 'days_until' }, tuesday);
    expect(result.data).toEqual({
      timeZone: 'America/New_York',
      today: '2026-03-10',
      date: '2026-03-13',
      daysUntil: 3,
      ask: 'days_until',
    });
  });
});

describe('date skill: holidays', () => {
  it.each([
    [{ holiday: 'christmas', ask: 'weekday' }, 'Christmas falls on a Friday this year, December 25.'],
    [{ holiday: 'thanksgiving', ask: 'date' }, 'Thanksgiving is on Thursday, November 26, 2026.'],
    [
      { holiday: 'thanksgiving', ask: 'days_until' },
      'Thanksgiving is in 261 days, on Thursday, November 26, 2026.',
    ],
    [{ holiday: 'christmas', ask: 'days_until' }, 'Christmas is in 290 days, on Friday, December 25, 2026.'],
    [{ holiday: 'easter', ask: 'date' }, 'Easter is on Sunday, April 5, 2026.'],
    [{ holiday: 'new_years_day', ask: 'weekday' }, "New Year's Day falls on a Friday next year, January 1."],
    [{ holiday: 'st_patricks_day' }, "St. Patrick's Day is on Tuesday, March 17, 2026."],
  ])('%j -> %s', async (slots, text) => {
    expect(await reply(slots)).toBe(text);
  });

  it('says so when the holiday is today or tomorrow, in the user zone', async () => {
    // 13:05 UTC on 26 November 2026 is Thanksgiving morning in New York.
    const thanksgiving = testContext({ timeZone: 'America/New_York' });
    expect(await reply({ holiday: 'thanksgiving', ask: 'days_until' }, thanksgiving)).toBe(
      'Thanksgiving is today, Thursday, November 26, 2026.',
    );
    const eve = testContext({ now: new Date('2026-12-24T12:00:00Z') });
    expect(await reply({ holiday: 'christmas', ask: 'days_until' }, eve)).toBe(
      'Christmas is tomorrow, Friday, December 25, 2026.',
    );
  });

  it('follows the locale: its way of writing dates, and its country holidays', async () => {
    const canada = testContext({ now: tuesday.now, timeZone: 'America/Toronto', locale: 'en-CA' });
    expect(await reply({ holiday: 'thanksgiving', ask: 'date' }, canada)).toBe(
      'Thanksgiving is on Monday, October 12, 2026.',
    );
    const britain = testContext({ now: tuesday.now, timeZone: 'Europe/London', locale: 'en-GB' });
    expect(await reply({ holiday: 'mothers_day', ask: 'date' }, britain)).toBe(
      "Mother's Day is on Sunday, 15 March 2026.",
    );
  });
});
