/**
 * Text normalisation shared by templates and utterances: both sides are reduced to the same
 * lower-case word tokens, so templates never have to spell out case, punctuation,
 * contractions or politeness.
 */

/** Contractions (with and without the apostrophe, as speech-to-text drops it) -> expansion. */
const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  "what's": ['what', 'is'],
  whats: ['what', 'is'],
  "what're": ['what', 'are'],
  "how's": ['how', 'is'],
  hows: ['how', 'is'],
  "where's": ['where', 'is'],
  "when's": ['when', 'is'],
  whens: ['when', 'is'],
  "who's": ['who', 'is'],
  "it's": ['it', 'is'],
  "that's": ['that', 'is'],
  "there's": ['there', 'is'],
  "let's": ['let', 'us'],
  "i'm": ['i', 'am'],
  im: ['i', 'am'],
  "i'd": ['i', 'would'],
  "i'll": ['i', 'will'],
  "i've": ['i', 'have'],
  "it'll": ['it', 'will'],
  "you're": ['you', 'are'],
  "can't": ['can', 'not'],
  cant: ['can', 'not'],
  "don't": ['do', 'not'],
  dont: ['do', 'not'],
  "doesn't": ['does', 'not'],
  "didn't": ['did', 'not'],
  "won't": ['will', 'not'],
  "isn't": ['is', 'not'],
  "aren't": ['are', 'not'],
  "wasn't": ['was', 'not'],
  oclock: ["o'clock"],
  todo: ['to', 'do'],
  nevermind: ['never', 'mind'],
  "today's": ['todays'],
  "tomorrow's": ['tomorrows'],
  "tonight's": ['tonights'],
};

/** Politeness and wake words removed from the start of an utterance (repeatedly). */
const LEADING_FILLERS: readonly (readonly string[])[] = [
  ['hey', 'hark'],
  ['ok', 'hark'],
  ['okay', 'hark'],
  ['hark'],
  ['hey'],
  ['hi'],
  ['ok'],
  ['okay'],
  ['so'],
  ['please'],
  ['kindly'],
  ['can', 'you'],
  ['could', 'you'],
  ['would', 'you'],
  ['will', 'you'],
  ['i', 'want', 'you', 'to'],
  ['i', 'need', 'you', 'to'],
  ['i', 'would', 'like', 'you', 'to'],
  ['i', 'want', 'to'],
  ['i', 'would', 'like', 'to'],
  ['go', 'ahead', 'and'],
];

/** Removed wherever they occur: they never carry meaning for a command. */
const ANYWHERE_FILLERS: readonly (readonly string[])[] = [['please'], ['for', 'me']];

/** Removed from the end of an utterance (repeatedly). */
const TRAILING_FILLERS: readonly (readonly string[])[] = [['thanks'], ['thank', 'you'], ['hark']];

/**
 * Character-level clean-up: keeps letters and digits, and the few marks that carry meaning
 * inside numbers ("6:30", "1.5", "1/2", "2026-12-24", "-40"), units ("km/h") and words
 * ("o'clock", "mom's"). Everything else becomes a space.
 */
function cleanCharacters(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/°/g, ' degrees ')
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}:./'\-\s]/gu, ' ')
    .replace(/(?<!\d):|:(?!\d)/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/(?<![\p{L}\p{N}])\/|\/(?![\p{L}\p{N}])/gu, ' ')
    .replace(/(?<!\p{L})'|'(?!\p{L})/gu, ' ')
    .replace(/-(?!\d)|(?<=[^\s\d])-/g, ' ');
}

/** "10min" -> "10 min", "6:30pm" -> "6:30 pm", "1h30m" -> "1 h 30 m"; ordinals ("24th") stay whole. */
function splitDigitsFromLetters(text: string): string {
  return text.replace(/(\d)(?!(?:st|nd|rd|th)\b)(?=\p{L})/gu, '$1 ').replace(/(\p{L})(?=\d)/gu, '$1 ');
}

function startsWith(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let i = 0; i < phrase.length; i++) {
    if (tokens[at + i] !== phrase[i]) return false;
  }
  return true;
}

function stripLeading(tokens: string[]): string[] {
  let start = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const filler of LEADING_FILLERS) {
      // Never strip the whole utterance: "help" alone must stay "help".
      if (start + filler.length < tokens.length && startsWith(tokens, start, filler)) {
        start += filler.length;
        changed = true;
        break;
      }
    }
  }
  return start === 0 ? tokens : tokens.slice(start);
}

function stripTrailing(tokens: string[]): string[] {
  let end = tokens.length;
  let changed = true;
  while (changed) {
    changed = false;
    for (const filler of TRAILING_FILLERS) {
      const at = end - filler.length;
      if (at > 0 && startsWith(tokens, at, filler)) {
        end = at;
        changed = true;
        break;
      }
    }
  }
  return end === tokens.length ? tokens : tokens.slice(0, end);
}

function stripAnywhere(tokens: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const filler = ANYWHERE_FILLERS.find((phrase) => startsWith(tokens, i, phrase));
    if (filler && tokens.length - filler.length > 0) {
      i += filler.length;
      continue;
    }
    kept.push(tokens[i]!);
    i++;
  }
  return kept;
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

/** Utterance -> normalised word tokens (what templates are matched against). */
export function tokenize(text: string): string[] {
  const words = splitDigitsFromLetters(cleanCharacters(text)).split(/\s+/);
  const tokens = expandContractions(words);
  return stripTrailing(stripLeading(stripAnywhere(tokens)));
}

/** Utterance -> normalised text: the tokens joined by single spaces. */
export function normalize(text: string): string {
  return tokenize(text).join(' ');
}

/** Cleans characters and contractions like `tokenize` but keeps fillers: for templates and slot phrases. */
export function tokenizeWords(text: string): string[] {
  return expandContractions(splitDigitsFromLetters(cleanCharacters(text)).split(/\s+/));
}
