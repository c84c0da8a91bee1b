import { matchesAt, phraseAt, phraseIndex, phraseList } from './token-phrases.js';

/**
 * Words that frame a request without changing it: wake words, politeness, hesitation, and
 * the indirect ways people ask ("could you...", "I'd like...", "can I get..."). Removing
 * them here means no template has to spell them out. A filler is never removed when it is
 * all there is: "help me" and "please" stay.
 */

/** Comma and semicolon tokens: list separators for items, noise everywhere else. */
export const BREAK = ',';

/** Removed from the start, repeatedly ("ok so um could you please..."). Written expanded ("i would"). */
const LEADING_FILLERS = phraseList([
  // Wake words: ours, and other assistants' that people say out of habit.
  'hey hark',
  'ok hark',
  'okay hark',
  'hark',
  'alexa',
  'hey google',
  'ok google',
  'okay google',
  'hey siri',
  'siri',
  'olly',
  'hey',
  'hey there',
  'hi there',
  'yo',
  'hi',
  'hello',
  'ok',
  'okay',
  // Discourse markers.
  'so',
  'and',
  'also',
  'oh',
  'well',
  'alright',
  'all right',
  'right',
  'now',
  'yeah',
  'sorry',
  'excuse me',
  'just',
  'actually',
  'quick question',
  'please',
  'kindly',
  // Asking someone to do it.
  'can you',
  'could you',
  'would you',
  'will you',
  'would you mind',
  'do you mind',
  'would you be able to',
  'are you able to',
  'is it possible to',
  'would it be possible to',
  'i was wondering if you could',
  'i wonder if you could',
  'i want you to',
  'i need you to',
  'i would like you to',
  'go ahead and',
  'help me',
  // Saying what one wants.
  'i want to',
  'i would like to',
  'i need to',
  'i have to',
  'i must',
  'i would love to',
  'let us',
  'i want',
  'i need',
  'need',
  'we need',
  'i would like',
  'can i get',
  'could i get',
  'can i have',
  'could i have',
  'may i have',
  'can i',
  'could i',
  // Asking to be told: the embedded question that follows has its own templates.
  'tell me',
  'let me know',
  'do you know',
  'do you happen to know',
  'any idea',
  'do you have any idea',
  'i wonder',
  'i was wondering',
  'i want to know',
  'i would like to know',
  'i need to know',
]);

/** Removed wherever they occur: they never carry meaning for a command. */
const ANYWHERE_FILLERS = phraseList([
  'please',
  'for me',
  'um',
  'umm',
  'uh',
  'uhh',
  'uhm',
  'erm',
  'er',
  'hmm',
]);

/** Removed from the end, repeatedly. */
const TRAILING_FILLERS = phraseList([
  'thanks',
  'many thanks',
  'thank you',
  'thank you very much',
  'thanks a lot',
  'cheers',
  'hark',
  'alexa',
  'olly',
  'google',
  'siri',
  'now',
  'right now',
  'currently',
  'at the moment',
  'if you can',
  'if you could',
  'if possible',
  'would you',
  'could you',
  'can you',
  'will you',
  'ok',
  'okay',
  'quickly',
  'real quick',
]);

const LEADING_INDEX = phraseIndex(LEADING_FILLERS);
const ANYWHERE_INDEX = phraseIndex(ANYWHERE_FILLERS);
const TRAILING_INDEX = phraseIndex(TRAILING_FILLERS, 'last');

/** Index of the first token after leading fillers and breaks; never past the last word. */
function leadingEnd(tokens: readonly string[]): number {
  let start = 0;
  for (;;) {
    if (tokens[start] === BREAK) {
      start++;
      continue;
    }
    const filler = phraseAt(tokens, start, LEADING_INDEX);
    if (!filler || !hasWordFrom(tokens, start + filler.length)) return start;
    start += filler.length;
  }
}

/** Index after the last token before trailing fillers and breaks. */
function trailingStart(tokens: readonly string[], start: number): number {
  let end = tokens.length;
  for (;;) {
    if (end > start && tokens[end - 1] === BREAK) {
      end--;
      continue;
    }
    const filler = phraseAt(tokens, end, TRAILING_INDEX);
    if (!filler || end - filler.length <= start || endsWithKeptPhrase(tokens, end)) return end;
    end -= filler.length;
  }
}

/** Trailing words that are fillers alone but part of the request here: "10 minutes from now", "not now". */
const KEPT_AT_END = phraseList(['from now', 'not now']);

function endsWithKeptPhrase(tokens: readonly string[], end: number): boolean {
  return KEPT_AT_END.some((phrase) => matchesAt(tokens, end - phrase.length, phrase));
}

function hasWordFrom(tokens: readonly string[], at: number): boolean {
  for (let i = at; i < tokens.length; i++) if (tokens[i] !== BREAK) return true;
  return false;
}

function stripAnywhere(tokens: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const filler = phraseAt(tokens, i, ANYWHERE_INDEX);
    if (filler && tokens.length > filler.length) {
      i += filler.length;
      continue;
    }
    kept.push(tokens[i]!);
    i++;
  }
  return kept;
}

/** Tokens (breaks included) without fillers at the start, the end, or anywhere for the few that never matter. */
export function stripFillers(tokens: readonly string[]): string[] {
  const anywhere = stripAnywhere(tokens);
  const start = leadingEnd(anywhere);
  return anywhere.slice(start, trailingStart(anywhere, start));
}
