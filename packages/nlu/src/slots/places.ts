import { containsAnyOf } from '../token-phrases.js';
import { WHEN_WORDS } from './when-words.js';

/**
 * What a location capture may be: a place on Earth, said without pronouns, verbs or times.
 * Shared by weather and time questions and by follow-up answers to "which city?".
 */

/** A place name has no pronouns or verbs: "is it cold in here", "the weather in paris is nice". */
const NOT_IN_PLACE_NAMES = new Set([
  'here',
  'there',
  'it',
  'this',
  'that',
  'you',
  'me',
  'i',
  'is',
  'are',
  'was',
  'be',
  'will',
  'do',
  'does',
  'my',
  'your',
  'our',
  'his',
  'their',
  'a',
  'an',
]);

/** Not on Earth, so no weather or local time to look up: these go to the conversational path. */
const OFF_EARTH = new Set([
  'mars',
  'moon',
  'venus',
  'jupiter',
  'saturn',
  'mercury',
  'neptune',
  'uranus',
  'pluto',
]);
const OFF_EARTH_PHRASES = new Set(['the sun', 'space', 'outer space', 'the moon']);

/** Things with a temperature or a "weather" that are not places: "the weather in the movie dune". */
const NOT_PLACES = new Set([
  // Things that have forecasts of their own: "the election forecast", "the forecast for the fed meeting".
  'election',
  'elections',
  'traffic',
  'sales',
  'market',
  'markets',
  'stock',
  'stocks',
  'economic',
  'economy',
  'budget',
  'earnings',
  'fed',
  'meeting',
  'polls',
  'inflation',
  'revenue',
  'movie',
  'movies',
  'film',
  'show',
  'book',
  'novel',
  'song',
  'game',
  'series',
  'story',
  'episode',
  'video',
  'picture',
  'photo',
  'painting',
  'dream',
  'history',
  'oven',
  'fridge',
  'freezer',
  'room',
  'house',
  'kitchen',
  'bedroom',
  'office',
  'car',
  'pool',
  'water',
  'shower',
  'bath',
  'like',
  'next',
  'from',
  'hour',
  'minute',
  'minutes',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'hours',
  'celsius',
  'fahrenheit',
  'kelvin',
  'degrees',
  'general',
]);

/** Before "weather", these describe it rather than say where: "nice weather", "the winter weather". */
const WEATHER_DESCRIPTIONS = new Set([
  'nice',
  'good',
  'bad',
  'great',
  'lovely',
  'beautiful',
  'terrible',
  'awful',
  'horrible',
  'crazy',
  'weird',
  'strange',
  'extreme',
  'severe',
  'current',
  'local',
  'cold',
  'hot',
  'warm',
  'wet',
  'dry',
  'rainy',
  'sunny',
  'stormy',
  'windy',
  'snowy',
  'winter',
  'summer',
  'spring',
  'autumn',
  'fall',
  'what',
  'some',
  'any',
  'the',
]);

/** tokens[start, end) can name a place: "paris", "the bahamas", not "the movie dune" or "here". */
export function isPlace(tokens: readonly string[], start: number, end: number): boolean {
  if (containsAnyOf(tokens, start, end, WHEN_WORDS) || containsAnyOf(tokens, start, end, OFF_EARTH))
    return false;
  if (containsAnyOf(tokens, start, end, NOT_IN_PLACE_NAMES) || containsAnyOf(tokens, start, end, NOT_PLACES))
    return false;
  return !OFF_EARTH_PHRASES.has(tokens.slice(start, end).join(' '));
}

/** A place said before the noun it qualifies ("the paris weather"): adjectives of weather are not places there. */
export function isPlaceBeforeNoun(tokens: readonly string[], start: number, end: number): boolean {
  return isPlace(tokens, start, end) && !containsAnyOf(tokens, start, end, WEATHER_DESCRIPTIONS);
}
