import type { ProfileLocation, Slots } from '@hark/contracts';
import { localeRegion, preferredUnits } from '../preferred-units.js';
import { ask, type Skill, type SkillContext, type SkillResult, say } from '../skill.js';
import type { WarnLog } from '../skill-dependencies.js';
import { chooseDay, type DayChoice, type Forecast, longDate, toForecast } from './forecast.js';
import { type OpenMeteoClient, WeatherUnavailableError } from './open-meteo-client.js';
import { type FoundPlace, findPlace } from './place-finder.js';
import { answerWeather, type WeatherFacts } from './weather-answers.js';
import { classifyWeatherQuestion, WEATHER_QUESTIONS, type WeatherQuestion } from './weather-question.js';
import { unitLabels } from './weather-words.js';

export const WEATHER_UNAVAILABLE_REPLY = "I can't reach the weather service right now.";

export interface WeatherSkillDependencies {
  client: Pick<OpenMeteoClient, 'searchPlaces' | 'forecast'>;
  warn: WarnLog;
}

const stringSlot = (value: Slots[string] | undefined) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/**
 * The question kind: carried in the slots when it was asked before a follow-up ("will it
 * rain tomorrow?" "For which city?" "Paris"), else read from what was just said.
 */
function questionOf(slots: Slots, context: SkillContext, location: string | undefined): WeatherQuestion {
  const carried = slots.question;
  if (WEATHER_QUESTIONS.includes(carried as WeatherQuestion)) return carried as WeatherQuestion;
  return classifyWeatherQuestion(context.text, location);
}

function askForPlace(day: string | undefined, question: WeatherQuestion): SkillResult {
  const slots: Slots = { ...(day ? { day } : {}), ...(question === 'general' ? {} : { question }) };
  return ask('For which city?', { intent: 'weather.get', slots, slot: 'location', kind: 'location' });
}

const profilePlace = (location: ProfileLocation): FoundPlace => ({
  name: location.name,
  spokenName: location.name,
  latitude: location.latitude,
  longitude: location.longitude,
  countryCode: location.countryCode,
});

function outOfRange(choice: Exclude<DayChoice, { kind: 'day' }>, place: FoundPlace): SkillResult {
  const data = { location: place.name, date: choice.date, inRange: false };
  if (choice.kind === 'past') {
    return say("I can't look back at past weather; ask me about today or the next few days.", { data });
  }
  const until = choice.lastDate ? `, until ${longDate(choice.lastDate)}` : '';
  return say(
    `I can only forecast the weather in ${place.spokenName} up to 7 days ahead${until}. Ask me again closer to ${longDate(choice.date)}.`,
    { data },
  );
}

/** `data` for screens: the place, the units, the day asked about and the whole week. */
function weatherData(
  place: FoundPlace,
  forecast: Forecast,
  facts: WeatherFacts,
  source: 'utterance' | 'profile',
) {
  const { spokenName, ...where } = place;
  return {
    location: { ...where, spokenName, timezone: forecast.timezone, source },
    question: facts.question,
    units: facts.units,
    unitLabels: unitLabels(facts.units),
    date: facts.day.date,
    current: facts.current,
    day: facts.day,
    daily: forecast.daily,
  };
}

async function forecastAnswer(
  deps: WeatherSkillDependencies,
  slots: Slots,
  context: SkillContext,
): Promise<SkillResult> {
  const location = stringSlot(slots.location);
  const day = stringSlot(slots.day);
  const question = questionOf(slots, context, location);
  const saved = context.profile.location;
  if (!location && !saved) return askForPlace(day, question);

  const country = saved?.countryCode ?? localeRegion(context.locale);
  const place = location
    ? await findPlace((name) => deps.client.searchPlaces(name), location, country)
    : profilePlace(saved!);
  if (!place) {
    return say(`I couldn't find a place called ${location}.`, { data: { location, resolved: false } });
  }
  const units = preferredUnits(context.profile, context.locale);
  const forecast = toForecast(await deps.client.forecast(place.latitude, place.longitude, units));
  const choice = chooseDay(day, forecast, context.now);
  if (choice.kind !== 'day') return outOfRange(choice, place);
  const facts: WeatherFacts = {
    question,
    place: place.spokenName,
    when: choice.when,
    day: choice.day,
    current: choice.includesNow ? forecast.current : null,
    units,
  };
  return {
    reply: answerWeather(facts),
    data: weatherData(place, forecast, facts, location ? 'utterance' : 'profile'),
  };
}

/**
 * weather.get: where (said, else the profile's place, else asked), which day (now, today,
 * tomorrow, a date up to 7 days out) and what about (rain, umbrella, snow, wind, temperature
 * or all of it), answered in the user's units. An unreachable Open-Meteo is a spoken apology
 * and a logged warning, never an error response.
 */
export function createWeatherSkill(deps: WeatherSkillDependencies): Skill {
  return {
    id: 'weather',
    intents: ['weather.get'],
    help: 'tell the weather and forecast ("will it rain tomorrow in Paris")',
    async handle(_intent, slots, context) {
      try {
        return await forecastAnswer(deps, slots, context);
      } catch (error) {
        if (!(error instanceof WeatherUnavailableError)) throw error;
        deps.warn({ api: error.api, reason: error.reason }, 'weather service unavailable');
        return say(WEATHER_UNAVAILABLE_REPLY, { data: { error: 'weather_unavailable' } });
      }
    },
  };
}
