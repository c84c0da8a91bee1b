import type { AnswerKind } from '@hark/contracts';
import { answerTokens } from './answer-fillers.js';
// The templates alone decide whether an answer is really a new request: the model reads most
// short phrases as some intent, and a place or a reminder text must not be taken for one.
import { recognizeTemplates as recognize } from './recognizer.js';
import { addSecondsToLocal } from './slots/calendar.js';
import { clockTimeSpans } from './slots/clock-times.js';
import { timeInDayPart } from './slots/day-parts.js';
import { daySpans, splitDayRef } from './slots/days.js';
import { durationSpans } from './slots/durations.js';
import { FREE_TEXT_KINDS, freeTextSpans } from './slots/free-text.js';
import type { Span } from './slots/span.js';

export { parseChoice } from './choices.js';

/**
 * Short answers to a follow-up question: "For how long?" -> "ten minutes", "For what
 * time?" -> "half past six", "Which city?" -> "in Paris please". Pure, like `recognize`.
 * A text that is not such an answer gives null, and the caller treats it as a new request.
 */

export type { AnswerKind } from '@hark/contracts';

export interface AnswerContext {
  /** The user's local date-time, "YYYY-MM-DDTHH:MM": "in 20 minutes" answers "for what time?". */
  now?: string;
}

/** Longest catalogue free text (contracts' freeText): a longer "answer" is a new request. */
const MAX_TEXT_LENGTH = 200;

const NOW = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

/**
 * Parses a short answer to a follow-up question. Returns seconds (int) for `duration`,
 * "HH:MM" for `clock_time`, the normalised place for `location`, the normalised text for
 * `text`; null when the text is not such an answer. Fillers ("um", "make it", "let's say",
 * "for", "about", "please") are ignored. A bare number is no duration ("ten" what?).
 */
export function parseAnswer(
  text: string,
  kind: Exclude<AnswerKind, 'choice'>,
  context: AnswerContext = {},
): string | number | null {
  switch (kind) {
    case 'duration':
      return parseDurationAnswer(answerTokens(text, 'duration'));
    case 'clock_time':
      return parseClockTimeAnswer(answerTokens(text, 'clock_time'), context);
    case 'location':
      return parseLocationAnswer(text, answerTokens(text, 'location'));
    case 'text':
      return parseTextAnswer(text, answerTokens(text, 'text'));
  }
}

/** The value of the span that covers all of tokens[start..], if any. */
function wholeSpan<T>(spans: readonly Span<T>[], length: number): T | null {
  return spans.find((span) => span.end === length)?.value ?? null;
}

function parseDurationAnswer(tokens: readonly string[]): number | null {
  if (tokens.length === 0) return null;
  return wholeSpan(durationSpans(tokens, 0), tokens.length);
}

/**
 * "half past six", "7 tomorrow morning" (the part of the day moves the time; today or
 * tomorrow is the next occurrence anyway), "in 20 minutes" (needs `now`). A weekday or a
 * date cannot be carried by "HH:MM", so such answers are not clock times.
 */
function parseClockTimeAnswer(tokens: readonly string[], context: AnswerContext): string | null {
  if (tokens.length === 0) return null;
  if (tokens[0] === 'in') return timeFromNow(tokens, context);
  for (const span of clockTimeSpans(tokens, 0)) {
    if (span.end === tokens.length) return span.value;
    const day = wholeSpan(daySpans(tokens, span.end), tokens.length);
    if (day === null) continue;
    const { day: ref, part } = splitDayRef(day);
    if (ref === 'today' || ref === 'tomorrow') return timeInDayPart(span.value, part);
  }
  return null;
}

function timeFromNow(tokens: readonly string[], context: AnswerContext): string | null {
  const now = context.now === undefined ? null : NOW.exec(context.now);
  const seconds = wholeSpan(durationSpans(tokens, 1), tokens.length);
  if (!now || seconds === null) return null;
  return addSecondsToLocal(now[1]!, now[2]!, seconds)?.time ?? null;
}

/** A place is not a request ("cancel the timer") and passes the location rules of weather and time. */
function parseLocationAnswer(text: string, tokens: readonly string[]): string | null {
  if (tokens.length === 0 || recognize(text).intent) return null;
  return wholeSpan(freeTextSpans(tokens, 0, FREE_TEXT_KINDS.location), tokens.length);
}

/**
 * Reminder texts and labels may look like requests ("check the weather"), so only the
 * conversation controls (stop, cancel, never mind, help) make a text a new request.
 */
function parseTextAnswer(text: string, tokens: readonly string[]): string | null {
  const answer = tokens.join(' ');
  if (answer.length === 0 || answer.length > MAX_TEXT_LENGTH) return null;
  const intent = recognize(text).intent;
  return intent?.name.startsWith('system.') ? null : answer;
}
