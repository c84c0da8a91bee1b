/**
 * What a weather request is really asking, read from the words the user said. The NLU gives
 * every weather request the same intent (weather.get), so "will it rain" and "how hot is it"
 * differ only here. Checked in order: the first kind whose words appear wins, so "do I need
 * an umbrella for the rain" is an umbrella question.
 */
export type WeatherQuestion = 'umbrella' | 'snow' | 'rain' | 'wind' | 'temperature' | 'general';

const QUESTION_WORDS: readonly [WeatherQuestion, RegExp][] = [
  ['umbrella', /\b(umbrellas?|brolly|raincoat|rain ?jacket|rain ?coat|wellies|rain boots)\b/],
  ['snow', /\b(snow\w*|sleet\w*|blizzards?|flurr(y|ies))\b/],
  ['rain', /\b(rain\w*|drizzl\w*|showers?|precipitation|wet|storm\w*|thunder\w*|pour\w*)\b/],
  ['wind', /\b(wind\w*|breez\w*|gust\w*|gales?)\b/],
  [
    'temperature',
    /\b(hot|cold|warm|chilly|freezing|cool|temperatures?|degrees|heat|jacket|coat|sweater|jumper)\b/,
  ],
];

export const WEATHER_QUESTIONS: readonly WeatherQuestion[] = [
  ...QUESTION_WORDS.map(([question]) => question),
  'general',
];

/**
 * The question kind of `text`. The place is taken out first, so "the weather in Windsor" or
 * "in Hot Springs" are not questions about wind or heat.
 */
export function classifyWeatherQuestion(text: string | undefined, location?: string): WeatherQuestion {
  if (!text) return 'general';
  let said = text.toLowerCase();
  if (location) said = said.replaceAll(location.toLowerCase(), ' ');
  return QUESTION_WORDS.find(([, words]) => words.test(said))?.[0] ?? 'general';
}
