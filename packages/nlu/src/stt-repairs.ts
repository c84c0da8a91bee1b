import { matchesAt, type Phrase } from './token-phrases.js';

/**
 * Known speech-to-text slips, repaired before matching. An explicit table rather than
 * fuzzy matching: each entry is a word sequence that the recogniser produces for one of our
 * command words and that is not otherwise said to an assistant, so a repair cannot turn a
 * question about something else into a command. Where the slip is a real word ("whether",
 * "remainder"), the entry includes the neighbour that gives it away ("the whether" is always
 * "the weather"; "tell me whether it rains" is left alone). The utterance table counts the
 * rows that only these repairs make right, and checks that no negative row matches with or
 * without them.
 */
const STT_REPAIRS: readonly (readonly [heard: string, meant: string])[] = [
  ['time her', 'timer'],
  ['timmer', 'timer'],
  ["timer's", 'timers'],
  ['a time for', 'a timer for'],
  ["alarm's", 'alarms'],
  ['remind be', 'remind me'],
  ['remained me', 'remind me'],
  ['we mind me', 'remind me'],
  ['remind knee', 'remind me'],
  ['a remainder', 'a reminder'],
  ['remainder to', 'reminder to'],
  ['my remainders', 'my reminders'],
  ['the whether', 'the weather'],
  ['whether forecast', 'weather forecast'],
  ['whether report', 'weather report'],
  ['whether like', 'weather like'],
  ['whether today', 'weather today'],
  ['whether tomorrow', 'weather tomorrow'],
  ['wether', 'weather'],
  ['chopping list', 'shopping list'],
  ['shoping', 'shopping'],
  ['two do list', 'to do list'],
  ['too do list', 'to do list'],
  ['minuets', 'minutes'],
  ['minits', 'minutes'],
  ['snooz', 'snooze'],
  ['snoose', 'snooze'],
  ['celcius', 'celsius'],
  ['farenheit', 'fahrenheit'],
  ['fahrenheight', 'fahrenheit'],
  ['farenheight', 'fahrenheit'],
];

interface Repair {
  heard: Phrase;
  meant: Phrase;
}

/** First heard word -> repairs starting with it, longest first. */
const REPAIRS_BY_FIRST_WORD: ReadonlyMap<string, readonly Repair[]> = (() => {
  const index = new Map<string, Repair[]>();
  for (const [heard, meant] of STT_REPAIRS) {
    const repair = { heard: heard.split(' '), meant: meant.split(' ') };
    const bucket = index.get(repair.heard[0]!) ?? [];
    bucket.push(repair);
    index.set(repair.heard[0]!, bucket);
  }
  for (const bucket of index.values()) bucket.sort((a, b) => b.heard.length - a.heard.length);
  return index;
})();

/** Tokens with every known slip replaced by what was meant. */
export function repairSttSlips(tokens: readonly string[]): string[] {
  const repaired: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const repair = REPAIRS_BY_FIRST_WORD.get(tokens[i]!)?.find(({ heard }) => matchesAt(tokens, i, heard));
    if (repair) {
      repaired.push(...repair.meant);
      i += repair.heard.length;
    } else {
      repaired.push(tokens[i]!);
      i++;
    }
  }
  return repaired;
}
