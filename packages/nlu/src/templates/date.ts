import type { DateAsk, Slots } from '@hark/contracts';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, IntentDefinition, ResolveContext } from '../template-types.js';

/**
 * Dates: today's (no slots), or another day's. A day said ("next friday", "the 14th",
 * "on saturday") becomes `day`, an ISO date, which needs the caller's local `now` unless
 * the day was said as one; without it the utterance is not matched rather than answered
 * for the wrong day. A holiday becomes `holiday`, its id only: the skill works out its
 * next date. `ask` is what the question wants: the date, the day of the week, or the days
 * left until it. "this year" changes nothing (the next occurrence is this year's unless it
 * has passed); "next year" is not matched, since the next occurrence may still be this year's.
 */
function dateQuestion(ask: DateAsk) {
  return (captures: Captures, context: ResolveContext): Slots | null => {
    if (captures.holiday !== undefined) return { holiday: captures.holiday, ask };
    const iso = resolveDay(splitDayRef(String(captures.day)).day, context.today);
    return iso ? { day: iso, ask } : null;
  };
}

/** The day asked about: a holiday by name, or a day as said. */
const WHEN = '({holiday}|{day})';

const todaysDate: IntentDefinition = {
  intent: 'date.get',
  templates: [
    'what is (the date|the day|todays date|todays day|the date today|today|the day today|the day of the week|the day of the month)',
    '(what|which) (day|date|day of the week|day of the month) is it [today]',
    '(what|which) (day|date|day of the week) is today',
    '(tell me|give me) [what] (the date|todays date|the date today|day it is|day of the week it is)',
    '[the|todays] date [today]',
    'what (year|month) is it',
    'what (year|month) are we in',
    'what is the (year|month)',
    'what (day|date) it is [today]',
    'what the date is [today]',
    'what (day|date) today is',
    'what (todays date|the date|the day|today) is',
    'what today is',
  ],
};

const dateOfDay: IntentDefinition = {
  intent: 'date.get',
  resolve: dateQuestion('date'),
  templates: [
    'what is the date [on|for] {day}',
    'what date is [it] [on] {day}',
    'what (date|is the date) will it be [on] {day}',
    'what will (the date|the date be|be the date) [on] {day}',
    '(tell me|give me) the date [on|for] {day}',
    '[the] date [on|for] {day}',
    '[what is] {day} date',
    'when is {holiday} [this year]',
    'when (does|will) {holiday} (fall|come|be) [this year]',
    'what is the date (of|for) {holiday} [this year]',
    '(what|which) date is {holiday} [on] [this year]',
    'what date (does|will) {holiday} (fall on|land on|be on|be) [this year]',
    '[the] date of {holiday} [this year]',
    '{holiday} date [this year]',
  ],
};

const weekdayOfDay: IntentDefinition = {
  intent: 'date.get',
  resolve: dateQuestion('weekday'),
  templates: [
    '(what|which) day [of the week] is {holiday} [on] [this year]',
    '(what|which) day [of the week] (does|will) {holiday} (fall on|land on|be on|be|fall) [this year]',
    '(what|which) day [of the week] is {day}',
    '(what|which) day [of the week] (will|does) {day} (be|fall on)',
    '(what|which) day [of the week] (will it be|is it) [on] {day}',
  ],
};

const daysUntil: IntentDefinition = {
  intent: 'date.get',
  resolve: dateQuestion('days_until'),
  templates: [
    `how many [more] (days|sleeps) [are there|are left|is it|left|remain|to go|do i have|do we have] (until|till|til|to|before) ${WHEN}`,
    `how (long|soon) [is it|is there|do i have|do we have] (until|till|til|before) ${WHEN}`,
    `how many [more] days away is ${WHEN}`,
    `how (soon|far away|far off) is ${WHEN}`,
    `[number of] days (until|till|til|to|left until|left till|left to) ${WHEN}`,
  ],
};

/** Today's date first: its all-literal templates beat a {day} template on "what day is it today". */
export const dateIntents: readonly IntentDefinition[] = [todaysDate, dateOfDay, weekdayOfDay, daysUntil];
