import type { Slots } from '@hark/contracts';
import { addSecondsToLocal } from '../slots/calendar.js';
import { resolveDay, splitDayRef } from '../slots/days.js';
import type { Captures, IntentDefinition, ResolveContext } from '../template-types.js';

/**
 * Weather. `day` stays "today"/"tomorrow" as said, or an ISO date; other days (weekdays,
 * "the weekend", "the day after tomorrow", month-days) need the caller's local `now` to
 * become an ISO date, and without it the utterance is not matched rather than answered for
 * the wrong day. A span ("this week") selects no day: the skill's default forecast. Locations
 * are free text; off-Earth places ("the weather on mars") and things that are not places
 * ("the weather in the movie dune") never match. Questions about rain, gear ("should I
 * bring a jacket") and temperature are weather questions too.
 */
function resolveWeather(captures: Captures, context: ResolveContext): Slots | null {
  const { day: said, ignored_time: _time, days_ahead: ahead, ...rest } = captures;
  if (ahead !== undefined) return dayAhead(Number(ahead), rest, context);
  if (said === undefined) return { ...rest };
  const { day } = splitDayRef(String(said));
  if (day === 'today' || day === 'tomorrow') return { ...rest, day };
  const iso = resolveDay(day, context.today);
  return iso ? { ...rest, day: iso } : null;
}

/** "in 2 days", "in 3 hours": the day it will be then, which needs the caller's `now`. */
function dayAhead(seconds: number, rest: Captures, context: ResolveContext): Slots | null {
  if (context.today === undefined || context.time === undefined) return null;
  const then = addSecondsToLocal(context.today, context.time, seconds)?.date;
  if (then === undefined) return null;
  if (then === context.today) return { ...rest, day: 'today' };
  return { ...rest, day: then === resolveDay('tomorrow', context.today) ? 'tomorrow' : then };
}

export const weatherIntents: readonly IntentDefinition[] = [
  {
    intent: 'weather.get',
    templates: [
      '(what is|how is|what will be|how will be|what is going to be) the <weather> [like|looking like|going to be like|looking|going to be|doing] <where_when>',
      'what is the <weather> (in|for|at) {location} [like] [[for] {day}]',
      '(what is|how is) the {location_before:location} <weather> [like|looking] [[for] {day}]',
      '[what is] {day} <weather> [(in|for) {location}]',
      '{location_before:location} <weather> [[for] {day}]',
      '[give me|show me|check|get|read me|read] [the] <weather> <where_when>',
      'what will the (<weather>|temperature|high|low) be [like] <where_when>',
      'how much (rain|snow) (will we get|are we getting|is expected|is forecast|is coming) <where_when>',
      '(does|will) it look like (rain|snow|a storm) <where_when>',
      'what is the <weather> going to be [like] <where_when>',
      '(what|how) does the <weather> look [like] <where_when>',
      '(will|is|does) it [going to|supposed to|expected to|likely to|gonna] <weather_condition> <where_when>',
      '(will|is) there [going to] be (rain|snow|a storm|storms|a thunderstorm|thunderstorms|showers|sun|sunshine|frost|fog|wind|hail) <where_when>',
      '(is|are) (rain|snow|storms|showers) (expected|forecast|coming|on the way) <where_when>',
      '[any|is there any|is there a|what is the|what are the] (chance|chances|probability) of (rain|snow|storms|showers) <where_when>',
      'is it <weather_now> [outside|out] <where_when>',
      'is it (below|above) freezing <where_when>',
      '(is it going to be|will it be) a <weather_now> (day|night|morning|afternoon|evening) <where_when>',
      'will the sun (come out|shine|be out) <where_when>',
      '(are|will|do) we [going to|expecting to|expect to] (get|have|see|expect|expecting|getting) [any|some] (rain|snow|sun|sunshine|storms|a storm|thunderstorms|frost|fog|hail|showers) <where_when>',
      '(is|will) the <weather> [going to] be (good|nice|bad|ok|okay|decent|<weather_now>) <where_when>',
      'is the <weather> (good|nice|bad|ok|okay|decent) <where_when>',
      '[any] (rain|snow) [(in|for) {location}] [for] {day}',
      '(any|is there any|is there) (rain|snow|storms) (in the forecast|forecast|expected|coming) <where_when>',
      '(do|will) i need [to (bring|take|wear|pack)] <weather_gear> <where_when>',
      'should i (bring|take|wear|pack|grab|carry) <weather_gear> <where_when>',
      'is it (jacket|coat|umbrella|shorts|sweater) weather <where_when>',
      'what should i wear [today|tomorrow|tonight]',
      'how (hot|cold|warm|windy|humid|chilly|sunny|wet|rainy|snowy|cloudy|foggy|stormy) (is it|will it be|is it going to be|will it get|is it going to get) <where_when>',
      'what is the <temperature> [going to be|like|outside] <where_when>',
      'what is the <temperature> in [degrees] (celsius|fahrenheit|centigrade) <where_when>',
      'how is the <temperature> <where_when>',
      '(is|will) {day} [going to] be [a] <weather_now> [day]',
      'about the <weather> <where_when>',
      'what <temperature> is it <where_when>',
      '[what is the] (outside|outdoor|current) <temperature> <where_when>',
      '[the] <temperature> (outside|out|out there) [{day}]',
      'how many degrees is it <where_when>',
      'what is the (high|low|humidity|wind speed|uv index|wind|temperature high|temperature low) <where_when>',
      '(what|how) is it (like|looking|doing) (outside|out|out there) [{day}]',
      'how is it (outside|out there)',
      'what are the [weather] conditions <where_when>',
      'what the <weather> (is|will be|is going to be) [like] <where_when>',
      'what the <weather> [is] like <where_when>',
      'how the <weather> (is|will be|is going to be|looks) <where_when>',
      '(if|whether) it (will|is going to|is supposed to) <weather_condition> <where_when>',
      '(if|whether) it is <weather_now> <where_when>',
      '(if|whether) i (need|should bring|should take|should wear) <weather_gear> <where_when>',
      'how (hot|cold|warm) it (is|will be|is going to be) <where_when>',
      'what the temperature (is|will be) <where_when>',
    ],
    resolve: resolveWeather,
  },
];
