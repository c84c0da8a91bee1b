import type { Profile } from '@hark/contracts';
import { preferredUnits } from '@hark/skills';
import { DateTime } from 'luxon';

export interface PromptContext {
  now: Date;
  timeZone: string;
  locale: string;
  profile: Profile;
}

/**
 * The instructions every turn starts with. Built fresh each turn (never stored in memory), so the
 * date, time and profile are always current. Replies are heard, not read: short, plain sentences.
 */
export function systemPrompt(context: PromptContext): string {
  return [
    'You are Hark, a voice assistant. Everything you write is read aloud by a speaker.',
    'Answer in one to three short sentences of plain spoken English. Never use markdown, lists, tables, ' +
      'emoji, code or URLs. Say numbers, times and units the way a person would say them.',
    'You can act with the tools (timers, alarms, reminders, lists, weather, time, unit conversion). ' +
      'Use a tool whenever the user asks for one of those, and only say something was done after its tool ' +
      'succeeded. If a tool reports an error or asks a question, tell the user briefly in your own words.',
    "Durations go to tools in seconds. Clock times and dates are in the user's local time zone.",
    'If you do not know something, say so briefly; do not invent facts.',
    '',
    aboutNow(context),
    aboutUser(context),
  ].join('\n');
}

/**
 * The "Now:" line changes once a minute, and formatting it with luxon costs about 0.2 ms of every
 * turn's time to first token; so it is kept for the current minute, per zone and locale.
 */
const nowLines = { minute: -1, byZone: new Map<string, string>() };

function aboutNow(context: PromptContext): string {
  const minute = Math.floor(context.now.getTime() / 60_000);
  if (minute !== nowLines.minute) {
    nowLines.minute = minute;
    nowLines.byZone.clear();
  }
  const key = `${context.timeZone}|${context.locale}`;
  let line = nowLines.byZone.get(key);
  if (line === undefined) {
    line = formatNow(context);
    nowLines.byZone.set(key, line);
  }
  return line;
}

function formatNow({ now, timeZone, locale }: PromptContext): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone }).setLocale(locale);
  const date = local.toFormat('cccc d LLLL yyyy');
  const time = local.toFormat('HH:mm');
  return `Now: ${date}, ${time} local time (${timeZone}, UTC${local.toFormat('ZZ')}; ISO ${local.toFormat("yyyy-LL-dd'T'HH:mm")}).`;
}

function aboutUser({ profile, locale }: PromptContext): string {
  const place = profile.location
    ? `${profile.location.name}${profile.location.countryCode ? ` (${profile.location.countryCode})` : ''}`
    : 'unknown (ask, or use the location the user names)';
  const units = preferredUnits(profile, locale);
  return `The user lives in: ${place}. Preferred units: ${units}. Language: ${locale}.`;
}
