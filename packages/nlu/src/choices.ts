import { answerTokens } from './answer-fillers.js';
import { tokenizeWords } from './normalize.js';
import { clockTimeSpans } from './slots/clock-times.js';
import { ORDINAL_WORDS } from './slots/days.js';
import { durationSpans } from './slots/durations.js';
import { parseWordInteger } from './slots/numbers.js';
import type { Span } from './slots/span.js';

/**
 * Which of the offered choices an answer picks ("Which timer?" -> "the pasta one", "the
 * ten minute one", "the second", "the last one"). Phrases are compared as words, and as
 * values when they are durations or clock times, so "10 minute" also matches "ten
 * minutes". A phrase match wins over an ordinal; a tie between choices is no pick.
 */

export interface Choice {
  phrases: readonly string[];
}

/** An answer starting with these picks no single choice: "neither", "both of them", "never mind". */
const PICKS_NONE = new Set(['neither', 'none', 'both', 'all', 'nothing', 'no', 'nope', 'never', 'forget']);

const LAST_WORDS = new Set(['last', 'final', 'latter', 'bottom']);
const FIRST_WORDS = new Set(['former', 'top']);
const ORDINAL_DIGITS = /^(\d+)(st|nd|rd|th)$/;
const NUMBER_LEADS = new Set(['number', 'option', 'choice']);

/** Typed values an answer or a phrase may carry, by kind, from every span in the words. */
function typedValues(tokens: readonly string[]): Set<string> {
  const values = new Set<string>();
  const collect = (kind: string, spans: Span<string | number>[]) => {
    for (const span of spans) values.add(`${kind}:${span.value}`);
  };
  for (let i = 0; i < tokens.length; i++) {
    collect('duration', durationSpans(tokens, i));
    collect('time', clockTimeSpans(tokens, i));
  }
  return values;
}

function containsRun(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= tokens.length; start++) {
    if (phrase.every((word, i) => tokens[start + i] === word)) return true;
  }
  return false;
}

/** How well one phrase is found in the answer: its word count, or 0. */
function phraseScore(answer: readonly string[], answerValues: ReadonlySet<string>, phrase: string): number {
  const words = tokenizeWords(phrase);
  if (containsRun(answer, words)) return words.length;
  const value = wholeValueOf(words);
  return value !== null && answerValues.has(value) ? words.length : 0;
}

/** A phrase counts as a typed value only when all of it is one duration or clock time. */
function wholeValueOf(words: readonly string[]): string | null {
  const duration = durationSpans(words, 0).find((span) => span.end === words.length);
  if (duration) return `duration:${duration.value}`;
  const time = clockTimeSpans(words, 0).find((span) => span.end === words.length);
  return time ? `time:${time.value}` : null;
}

function bestPhraseMatch(answer: readonly string[], choices: readonly Choice[]): number | null {
  const answerValues = typedValues(answer);
  const scores = choices.map((choice) =>
    Math.max(0, ...choice.phrases.map((phrase) => phraseScore(answer, answerValues, phrase))),
  );
  const best = Math.max(0, ...scores);
  if (best === 0 || scores.filter((score) => score === best).length > 1) return null;
  return scores.indexOf(best);
}

/** Position said as "first", "2nd", "the last", "number two", "option 3"; 0-based, or null. */
function ordinalIndex(answer: readonly string[], count: number): number | null {
  for (let i = 0; i < answer.length; i++) {
    const word = answer[i]!;
    if (LAST_WORDS.has(word)) return count - 1;
    if (FIRST_WORDS.has(word)) return 0;
    const position = ORDINAL_WORDS[word] ?? Number(ORDINAL_DIGITS.exec(word)?.[1] ?? Number.NaN);
    const counted = NUMBER_LEADS.has(word) ? countAt(answer, i + 1) : null;
    const index = (Number.isNaN(position) ? (counted ?? 0) : position) - 1;
    if (index >= 0) return index < count ? index : null;
  }
  return null;
}

function countAt(tokens: readonly string[], at: number): number | null {
  if (/^\d+$/.test(tokens[at] ?? '')) return Number(tokens[at]);
  return parseWordInteger(tokens, at, tokens.length)?.value ?? null;
}

/**
 * For disambiguation: which of the offered choices does the answer pick? Choices carry
 * phrases that identify them ("pasta", "10 minute", "ten minutes"); ordinals ("the first
 * one", "the second", "the last one") pick by position. Returns the index or null.
 */
export function parseChoice(
  text: string,
  choices: ReadonlyArray<{ phrases: readonly string[] }>,
): number | null {
  const answer = answerTokens(text, 'choice');
  if (answer.length === 0 || choices.length === 0 || PICKS_NONE.has(answer[0]!)) return null;
  return bestPhraseMatch(answer, choices) ?? ordinalIndex(answer, choices.length);
}
