import { luxonZone } from '@hark/core';
import { DateTime } from 'luxon';
import { ask, type Skill, type SkillContext, type SkillResult, say } from '../skill.js';
import { placeKey, resolvePlace } from './city-zones.js';
import { localClock } from './minute-clock.js';
import { splitRegion } from './split-regions.js';

/** luxonZone: the zone's offset is worked out once a second, not on every "what time is it". */
function localTime(now: Date, timeZone: string, locale: string): DateTime {
  return DateTime.fromMillis(now.getTime(), { zone: luxonZone(timeZone), locale });
}

function timeHere(context: SkillContext): SkillResult {
  const clock = localClock(context.now.getTime(), context.timeZone, context.locale);
  return say(`It's ${clock.spoken}.`, { data: { timeZone: context.timeZone, localTime: clock.iso } });
}

/** "Which part of the US?": the answer comes back as the `location` of the same intent. */
function askWhichPart(location: string): SkillResult | null {
  const region = splitRegion(placeKey(location));
  if (!region) return null;
  return ask(
    region.question,
    { intent: 'time.get', slots: { location }, slot: 'location', kind: 'choice', choices: region.choices },
    { data: { location, resolved: false } },
  );
}

function timeThere(location: string, context: SkillContext): SkillResult {
  const question = askWhichPart(location);
  if (question) return question;
  const place = resolvePlace(location);
  if (!place) {
    return say(`I don't know where ${location} is, so I can't tell you the time there.`, {
      data: { location, resolved: false },
    });
  }
  const there = localTime(context.now, place.timeZone, context.locale);
  const here = localTime(context.now, context.timeZone, context.locale);
  const dayNote = dayDifference(there, here);
  // A place in several zones says which one the answer is for: "in Texas (Central time)".
  const where = place.zoneName ? `${place.name} (${place.zoneName})` : place.name;
  return say(`It's ${there.toLocaleString(DateTime.TIME_SIMPLE)}${dayNote} in ${where}.`, {
    data: {
      location: place.name,
      resolved: true,
      timeZone: place.timeZone,
      localTime: there.toISO({ suppressMilliseconds: true }),
      utcOffsetMinutes: there.offset,
    },
  });
}

/** " tomorrow" / " yesterday" when the place is already on another calendar day than the user. */
function dayDifference(there: DateTime, here: DateTime): string {
  // Compare calendar dates, not instants: midnights in two zones are hours apart.
  const thereDate = there.toISODate() ?? '';
  const hereDate = here.toISODate() ?? '';
  if (thereDate === hereDate) return '';
  return ` ${thereDate > hereDate ? 'tomorrow' : 'yesterday'}, ${there.toFormat('cccc')}`;
}

export const timeSkill: Skill = {
  id: 'time',
  intents: ['time.get'],
  help: 'tell the time here or anywhere ("what time is it in Tokyo")',
  handle(_intent, slots, context) {
    const location = typeof slots.location === 'string' ? slots.location : undefined;
    return location ? timeThere(location, context) : timeHere(context);
  },
};
