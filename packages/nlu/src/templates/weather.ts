import type { Slots } from '@hark/contracts';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, IntentDefinition, ResolveContext } from '../template-types.js';

/**
 * Weather. `day` stays "today"/"tomorrow" as said, or an ISO date; other days (weekdays,
 * "the day after tomorrow", month-days) need the caller's local `now` to become an ISO
 * date, and without it the utterance is not matched rather than answered for the wrong day.
 * Locations are free text; off-Earth places ("the weather on mars") never match.
 */
function resolveWeather(captures: Captures, context: ResolveContext): Slots | null {
  const { day: said, ...rest } = captures;
  if (said === undefined) return { ...rest };
  const { day } = splitDayRef(String(said));
  if (day === 'today' || day === 'tomorrow') return { ...rest, day };
  const iso = resolveDay(day, context.today);
  return iso ? { ...rest, day: iso } : null;
}

export const weatherIntents: readonly IntentDefinition[] = [
  {
    intent: 'weather.get',
    templates: [
      '(what is|how is|what will be|how will be) the <weather> [like|looking like|going to be like|looking] <where_when>',
      'what will the <weather> be [like] <where_when>',
      'what is the <weather> going to be [like] <where_when>',
      'what does the <weather> look like <where_when>',
      '[give me|tell me|show me|check] [the] <weather> <where_when>',
      '{day} <weather> [(in|for) {location}]',
      'what is {day} <weather> [(in|for) {location}]',
      '(will|is) it [going to] <weather_condition> <where_when>',
      'is it <weather_now> [outside|out] <where_when>',
      '(do|will) i need <weather_gear> <where_when>',
      'should i (bring|take|wear|pack) <weather_gear> <where_when>',
      'how (hot|cold|warm) (is it|will it be|is it going to be) <where_when>',
      'what is the temperature [going to be] <where_when>',
      'what is it like (outside|out there)',
    ],
    resolve: resolveWeather,
  },
];
