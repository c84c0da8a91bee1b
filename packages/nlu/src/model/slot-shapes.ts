import { MONTHS, WEEKDAY_NAMES } from '../slots/days.js';
import { SECONDS_PER_UNIT } from '../slots/durations.js';
import { TEEN_WORDS, TENS_WORDS, UNIT_WORDS } from '../slots/numbers.js';

/**
 * The class of a word that stands for a value ("<number>", "<time_unit>", "<day>"), looked up
 * from the slot parsers' own vocabularies. The model sees "alarm for <number> <clock>"
 * whatever the number was: cheap (one lookup per word, no parsing), and the words around a
 * value say what the request is.
 */

const CLASSES = new Map<string, string>();
const classify = (words: Iterable<string>, shape: string) => {
  for (const word of words) CLASSES.set(word, shape);
};
classify([...Object.keys(UNIT_WORDS), ...Object.keys(TEEN_WORDS), ...Object.keys(TENS_WORDS)], '<number>');
classify(['hundred', 'thousand', 'half', 'quarter', 'couple'], '<number>');
classify(Object.keys(SECONDS_PER_UNIT), '<time_unit>');
classify([...Object.keys(WEEKDAY_NAMES), 'today', 'tomorrow', 'tonight', 'weekend'], '<day>');
classify(Object.keys(MONTHS), '<month>');
classify(['am', 'pm', 'oclock', "o'clock", 'noon', 'midnight'], '<clock>');

const DIGITS = /^-?\d/;
const ORDINAL = /^\d+(st|nd|rd|th)$/;

/** The value class of one token, or null for a plain word. */
export function shapeOf(token: string): string | null {
  if (DIGITS.test(token))
    return ORDINAL.test(token) ? '<ordinal>' : token.includes(':') ? '<clock>' : '<number>';
  return CLASSES.get(token) ?? null;
}
