import { CONTRACTIONS, SHORT_FORMS } from './contractions.js';
import { BREAK, stripFillers } from './fillers.js';
import { repairSttSlips } from './stt-repairs.js';

/**
 * Text normalisation shared by templates and utterances: both sides are reduced to the same
 * lower-case word tokens, so templates never have to spell out case, punctuation,
 * contractions, politeness or known speech-to-text slips.
 */

/** An utterance ready for matching. */
export interface Utterance {
  tokens: readonly string[];
  /**
   * Indices of tokens that a comma or semicolon preceded ("eggs, milk and bread" -> {1}).
   * Only list items use them; everything else matches as if they were not there.
   */
  breaks: ReadonlySet<number>;
}

export interface AnalyzeOptions {
  /** Repair known speech-to-text slips (stt-repairs.ts). On by default; off only to measure them. */
  sttRepairs?: boolean;
}

/**
 * Character-level clean-up: keeps letters and digits, and the few marks that carry meaning
 * inside numbers ("6:30", "1.5", "1/2", "2026-12-24", "-40"), units ("km/h") and words
 * ("o'clock", "mom's"). Commas and semicolons become separate break tokens. Everything
 * else becomes a space.
 */
/** Text of letters, digits, spaces and apostrophes only: every rule below but the apostrophe one is a no-op on it. */
const PLAIN_TEXT = /^[A-Za-z0-9 ']*$/;
const LOOSE_APOSTROPHE = /(?<!\p{L})'|'(?!\p{L})/gu;

function cleanCharacters(text: string): string {
  // Most speech-to-text output is plain: skip a dozen regular expressions that would find nothing.
  if (PLAIN_TEXT.test(text)) return text.toLowerCase().replace(LOOSE_APOSTROPHE, ' ');
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[,;]/g, ` ${BREAK} `)
    .replace(/°/g, ' degrees ')
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}:./'\-,\s]/gu, ' ')
    .replace(/(?<!\d):|:(?!\d)/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/(?<![\p{L}\p{N}])\/|\/(?![\p{L}\p{N}])/gu, ' ')
    .replace(LOOSE_APOSTROPHE, ' ')
    .replace(/-(?!\d)|(?<=[^\s\d])-/g, ' ');
}

/** "10min" -> "10 min", "6:30pm" -> "6:30 pm", "1h30m" -> "1 h 30 m"; ordinals ("24th") stay whole. */
const HAS_DIGIT = /\d/;

function splitDigitsFromLetters(text: string): string {
  if (!HAS_DIGIT.test(text)) return text;
  return text.replace(/(\d)(?!(?:st|nd|rd|th)\b)(?=\p{L})/gu, '$1 ').replace(/(\p{L})(?=\d)/gu, '$1 ');
}

function expandContractions(words: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const word of words) {
    const expansion = CONTRACTIONS[word];
    if (expansion) tokens.push(...expansion);
    else if (word.length > 0) tokens.push(word);
  }
  return tokens;
}

/**
 * "tmrw" -> "tomorrow", "2nite" -> "tonight": before digits are split from letters. One pass
 * finds only the short forms, as whole words (most texts have none, and pay for one scan).
 */
const SHORT_FORM_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${Object.keys(SHORT_FORMS).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

function expandShortForms(text: string): string {
  return text.replace(SHORT_FORM_WORDS, (word) => SHORT_FORMS[word] ?? word);
}

/** Cleaned, expanded words with break tokens still in place. */
function wordsOf(text: string): string[] {
  return expandContractions(splitDigitsFromLetters(expandShortForms(cleanCharacters(text))).split(/\s+/));
}

/** Drops break tokens, remembering which words they preceded. */
function separateBreaks(tokens: readonly string[]): Utterance {
  const words: string[] = [];
  const breaks = new Set<number>();
  for (const token of tokens) {
    if (token === BREAK) {
      if (words.length > 0) breaks.add(words.length);
    } else {
      words.push(token);
    }
  }
  for (const at of breaks) if (at >= words.length) breaks.delete(at);
  return { tokens: words, breaks };
}

/** Utterance -> tokens and list breaks (what templates are matched against). */
export function analyze(text: string, options: AnalyzeOptions = {}): Utterance {
  const words = wordsOf(text);
  const repaired = options.sttRepairs === false ? words : repairSttSlips(words);
  return separateBreaks(stripFillers(repaired));
}

/** Utterance -> normalised word tokens. */
export function tokenize(text: string): string[] {
  return [...analyze(text).tokens];
}

/** Utterance -> normalised text: the tokens joined by single spaces. */
export function normalize(text: string): string {
  return analyze(text).tokens.join(' ');
}

/** Cleans characters and contractions like `tokenize` but keeps fillers: for templates and slot phrases. */
export function tokenizeWords(text: string): string[] {
  return wordsOf(text).filter((word) => word !== BREAK);
}
