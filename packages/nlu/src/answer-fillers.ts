import { tokenizeWords } from './normalize.js';
import { matchesAt, type Phrase, phraseList } from './token-phrases.js';

/**
 * Words around a short answer to a follow-up question ("um, let's say ten minutes
 * please", "in Paris I think"). Each answer kind adds the lead-ins that only make sense
 * for it ("at" before a time, "I'm in" before a place).
 */

const SHARED_LEADING = [
  'um',
  'umm',
  'uh',
  'uhh',
  'erm',
  'er',
  'hmm',
  'oh',
  'ah',
  'well',
  'so',
  'ok',
  'okay',
  'yeah',
  'yes',
  'yep',
  'sure',
  'please',
  'just',
  'maybe',
  'i think',
  'i guess',
  'i would say',
  'let us say',
  'say',
  'make it',
  'make that',
  'how about',
  'what about',
  'it is',
  'that is',
  'that would be',
  'i said',
];

const SHARED_TRAILING = ['please', 'thanks', 'thank you', 'i think', 'i guess', 'or so', 'maybe', 'then'];

/** Removed wherever they occur. */
const ANYWHERE = new Set(['um', 'umm', 'uh', 'uhh', 'erm', 'please']);

export type AnswerFillerKind = 'duration' | 'clock_time' | 'location' | 'text' | 'choice';

const KIND_LEADING: Readonly<Record<AnswerFillerKind, readonly string[]>> = {
  duration: ['for', 'about', 'around', 'roughly', 'approximately', 'in'],
  clock_time: ['at', 'for', 'by', 'around', 'about', 'at about', 'at around'],
  location: [
    'in',
    'for',
    'at',
    'near',
    'over in',
    'i am in',
    'i am at',
    'we are in',
    'i live in',
    'the city of',
  ],
  text: [
    'to',
    'that',
    'about',
    'i need to',
    'i have to',
    'i want to',
    'i must',
    'call it',
    'name it',
    'called',
    'named',
  ],
  choice: ['i meant', 'i mean', 'i want', 'i would like', 'the one called', 'the one for', 'the'],
};

const KIND_TRAILING: Readonly<Record<AnswerFillerKind, readonly string[]>> = {
  duration: ['from now'],
  clock_time: [],
  location: ['please'],
  text: [],
  choice: [],
};

interface FillerSet {
  leading: readonly Phrase[];
  trailing: readonly Phrase[];
}

const FILLERS: Readonly<Record<AnswerFillerKind, FillerSet>> = Object.fromEntries(
  (Object.keys(KIND_LEADING) as AnswerFillerKind[]).map((kind) => [
    kind,
    {
      leading: phraseList([...SHARED_LEADING, ...KIND_LEADING[kind]]),
      trailing: phraseList([...SHARED_TRAILING, ...KIND_TRAILING[kind]]),
    },
  ]),
) as Record<AnswerFillerKind, FillerSet>;

/** The answer's words without fillers; may be empty ("um, please"). */
export function answerTokens(text: string, kind: AnswerFillerKind): string[] {
  const words = tokenizeWords(text).filter((word) => !ANYWHERE.has(word));
  const { leading, trailing } = FILLERS[kind];
  let start = 0;
  let end = words.length;
  let stripped = true;
  while (stripped) {
    const lead = leading.find((phrase) => start + phrase.length <= end && matchesAt(words, start, phrase));
    if (lead) start += lead.length;
    const trail = trailing.find(
      (phrase) => end - phrase.length >= start && matchesAt(words, end - phrase.length, phrase),
    );
    if (trail) end -= trail.length;
    stripped = lead !== undefined || trail !== undefined;
  }
  return words.slice(start, end);
}
