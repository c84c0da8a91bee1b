import { createHash } from 'node:crypto';
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
 * The instructions every turn starts with: the same text for every user and every turn, so a
 * provider that caches prompt beginnings (OpenAI does above 1,024 tokens) can serve it, and the
 * tools after it, from its cache. What changes (the clock, the user) is in turnContext, sent last.
 * The instructions themselves are in stableInstructions.
 * Replies are heard, not read: short, plain sentences.
 */
const INSTRUCTIONS = [
  'You are Hark, a voice assistant; what you write is spoken aloud. Reply in one to three short plain ' +
    'sentences, no markdown, lists, emoji or URLs; say numbers and units as a person would.',
  'Use a tool for anything a tool does; say it is done only after the tool succeeded; explain tool errors ' +
    'or questions briefly.',
  "Tool durations are in seconds; times and dates are the user's local time.",
  'Never invent facts.',
];

/** Said only where the turn offers a few tool families and `more_tools` for the rest. */
const MORE_TOOLS_LINE = 'If no offered tool fits, call more_tools.';

/** The fixed instructions, per LLM_TOOL_SELECTION: `relevant` adds how to get more tools. */
export function stableInstructions(selection: 'all' | 'relevant'): string {
  return selection === 'relevant' ? STABLE_RELEVANT : STABLE_ALL;
}

/**
 * `prompt_cache_key`: one value per version of the fixed instructions, the same for every user,
 * so all turns share the cache of their common beginning.
 */
export const promptCacheKey = (selection: 'all' | 'relevant'): string => CACHE_KEYS[selection];

const STABLE_ALL = INSTRUCTIONS.join('\n');
const STABLE_RELEVANT = [...INSTRUCTIONS.slice(0, 2), MORE_TOOLS_LINE, ...INSTRUCTIONS.slice(2)].join('\n');
const keyOf = (text: string) => `hark-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
const CACHE_KEYS = { all: keyOf(STABLE_ALL), relevant: keyOf(STABLE_RELEVANT) };

/**
 * What changes from turn to turn: the local date and time and what the profile says. Sent as a
 * system message right before the user's message, after the remembered conversation.
 */
export function turnContext(context: PromptContext): string {
  return `${aboutNow(context)} ${aboutUser(context)}`;
}

/** The whole prompt as one text (stable part, then the context), for logs and tests. */
export function systemPrompt(context: PromptContext, selection: 'all' | 'relevant' = 'relevant'): string {
  return `${stableInstructions(selection)}\n\n${turnContext(context)}`;
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
  return `User lives in: ${place}. Units: ${units}. Language: ${locale}.`;
}
