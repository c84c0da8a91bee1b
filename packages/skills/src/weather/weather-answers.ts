import type { Units } from '@hark/contracts';
import type { CurrentConditions, DailyForecast } from './forecast.js';
import type { WeatherQuestion } from './weather-question.js';
import {
  capitalize,
  chance,
  precipitationAmount,
  type Spoken,
  spoken,
  temperature,
  toCelsius,
  toKmh,
  toMillimetres,
  windSpeed,
} from './weather-words.js';
import { isRainCode, isSnowCode } from './wmo-codes.js';

/** Everything an answer needs: the question, where, which day, and the numbers. */
export interface WeatherFacts {
  question: WeatherQuestion;
  place: string;
  /** "today", "tomorrow" or "on Saturday". */
  when: string;
  day: DailyForecast;
  /** Set when the day is today: "right now" is part of the answer. */
  current: CurrentConditions | null;
  units: Units;
}

/** Rain worth an umbrella: likely (50 % or more), or 1 mm or more expected. */
const RAIN_LIKELY_PERCENT = 50;
const RAIN_LIKELY_MM = 1;
/** Below this it is a dry day; between the two, "maybe". */
const RAIN_POSSIBLE_PERCENT = 20;
const RAIN_POSSIBLE_MM = 0.2;

type RainOutlook = 'now' | 'likely' | 'possible' | 'unlikely';

function rainOutlook(facts: WeatherFacts): RainOutlook {
  const { current, day, units } = facts;
  if (
    current &&
    (isRainCode(current.weatherCode) || (current.precipitation > 0 && !isSnowCode(current.weatherCode)))
  ) {
    return 'now';
  }
  const probability = day.precipitationProbability;
  const millimetres = toMillimetres(day.precipitation, units);
  // A day's weather code is its worst hour: a drizzle code with low odds is only "maybe".
  const rainCode = isRainCode(day.weatherCode);
  if (
    (probability ?? 0) >= RAIN_LIKELY_PERCENT ||
    millimetres >= RAIN_LIKELY_MM ||
    (rainCode && probability === null)
  ) {
    return 'likely';
  }
  if ((probability ?? 0) >= RAIN_POSSIBLE_PERCENT || millimetres >= RAIN_POSSIBLE_MM || rainCode) {
    return 'possible';
  }
  return 'unlikely';
}

/** What is known of the day's rain: its odds ("an 85% chance") and amount (", about 6.4 mm"). */
function rainNumbers(day: DailyForecast, units: Units): { odds: Spoken | null; amount: Spoken | '' } {
  return {
    odds: day.precipitationProbability === null ? null : chance(day.precipitationProbability),
    amount: day.precipitation > 0 ? spoken`, about ${precipitationAmount(day.precipitation, units)}` : '',
  };
}

function answerRain(facts: WeatherFacts): Spoken {
  const { place, when, day, current, units } = facts;
  const { odds, amount } = rainNumbers(day, units);
  switch (rainOutlook(facts)) {
    case 'now': {
      const total =
        day.precipitation > 0
          ? spoken` About ${precipitationAmount(day.precipitation, units)} in total today.`
          : '';
      return spoken`Yes, it's raining in ${place} right now (${current!.conditions}).${total}`;
    }
    case 'likely':
      return spoken`Yes, rain is likely in ${place} ${when}${odds ? spoken`: ${odds}` : ''}${amount}.`;
    case 'possible':
      return odds
        ? spoken`Maybe: there's ${odds} of rain in ${place} ${when}${amount}.`
        : spoken`Maybe: some rain is possible in ${place} ${when}${amount}.`;
    case 'unlikely':
      return spoken`No rain is expected in ${place} ${when}${odds ? spoken` (${odds})` : ''}.`;
  }
}

function answerUmbrella(facts: WeatherFacts): Spoken {
  const { place, when, day, current, units } = facts;
  const { odds, amount } = rainNumbers(day, units);
  const rain = odds ? spoken`there's ${odds} of rain` : spoken`rain is likely`;
  switch (rainOutlook(facts)) {
    case 'now':
      return spoken`Yes, take an umbrella: it's raining in ${place} right now (${current!.conditions}).`;
    case 'likely':
      return spoken`Yes, take an umbrella: ${rain} in ${place} ${when}${amount}.`;
    case 'possible':
      return odds
        ? spoken`Maybe take one to be safe: ${rain} in ${place} ${when}${amount}.`
        : spoken`Maybe take one to be safe: some rain is possible in ${place} ${when}${amount}.`;
    case 'unlikely':
      return odds
        ? spoken`No, you won't need an umbrella in ${place} ${when}: only ${odds} of rain.`
        : spoken`No, you won't need an umbrella in ${place} ${when}: no rain is expected.`;
  }
}

function answerSnow({ place, when, day, current, units }: WeatherFacts): Spoken {
  const range = spoken`high ${temperature(day.high, units)}, low ${temperature(day.low, units)}`;
  if (current && isSnowCode(current.weatherCode)) {
    return spoken`Yes, it's snowing in ${place} right now (${current.conditions}); ${range}.`;
  }
  if (isSnowCode(day.weatherCode)) {
    const odds =
      day.precipitationProbability === null ? '' : spoken`, ${chance(day.precipitationProbability)}`;
    return spoken`Yes, expect ${day.conditions} in ${place} ${when}${odds}; ${range}.`;
  }
  return spoken`No snow is expected in ${place} ${when}: ${day.conditions}, ${range}.`;
}

/** How a temperature feels, in degrees Celsius. */
function temperatureWord(celsius: number): string {
  if (celsius <= 0) return 'freezing';
  if (celsius < 10) return 'cold';
  if (celsius < 16) return 'cool';
  if (celsius < 22) return 'mild';
  if (celsius < 28) return 'warm';
  return 'hot';
}

function answerTemperature({ place, when, day, current, units }: WeatherFacts): Spoken {
  const high = temperature(day.high, units);
  const low = temperature(day.low, units);
  if (current) {
    const word = temperatureWord(toCelsius(current.feelsLike, units));
    const now = temperature(current.temperature, units);
    // "Feels like" only when it differs enough to matter (2 °C or about 4 °F).
    const feels =
      Math.abs(toCelsius(current.feelsLike, units) - toCelsius(current.temperature, units)) >= 2
        ? spoken`, feels like ${temperature(current.feelsLike, units)}`
        : '';
    return spoken`It's ${word} in ${place} right now: ${now}${feels}. Today's high is ${high} and the low ${low}.`;
  }
  const word = temperatureWord(toCelsius(day.high, units));
  return spoken`${capitalize(when)} in ${place} it will be ${word}, with a high of ${high} and a low of ${low}.`;
}

/** Beaufort-like bands, in km/h. */
function windWord(kmh: number): string {
  if (kmh < 6) return 'calm';
  if (kmh < 20) return 'not very windy';
  if (kmh < 39) return 'breezy';
  if (kmh < 62) return 'windy';
  return 'very windy';
}

function answerWind({ place, when, day, current, units }: WeatherFacts): Spoken {
  if (current) {
    const word = windWord(toKmh(current.windSpeed, units));
    const gusts =
      day.windSpeedMax === null ? '' : spoken`, up to ${windSpeed(day.windSpeedMax, units)} today`;
    return spoken`It's ${word} in ${place} right now, with wind at ${windSpeed(current.windSpeed, units)}${gusts}.`;
  }
  if (day.windSpeedMax === null) return spoken`I don't have a wind forecast for ${place} ${when}.`;
  const word = windWord(toKmh(day.windSpeedMax, units));
  return spoken`${capitalize(when)} in ${place} it will be ${word}, with wind up to ${windSpeed(day.windSpeedMax, units)}.`;
}

function answerGeneral({ place, when, day, current, units }: WeatherFacts): Spoken {
  const high = temperature(day.high, units);
  const low = temperature(day.low, units);
  if (current) {
    const now = temperature(current.temperature, units);
    return {
      text: spoken`Right now in ${place} it's ${now} with ${current.conditions}. Today: ${day.conditions}, high ${high}, low ${low}.`
        .text,
      speech:
        spoken`Right now in ${place} it's ${now} with ${current.conditions}. Today expect ${day.conditions}, with a high of ${high} and a low of ${low}.`
          .speech,
    };
  }
  return {
    text: spoken`${capitalize(when)} in ${place}: ${day.conditions}, high ${high}, low ${low}.`.text,
    speech:
      spoken`${capitalize(when)} in ${place} expect ${day.conditions}, with a high of ${high} and a low of ${low}.`
        .speech,
  };
}

const ANSWERS: Record<WeatherQuestion, (facts: WeatherFacts) => Spoken> = {
  umbrella: answerUmbrella,
  rain: answerRain,
  snow: answerSnow,
  wind: answerWind,
  temperature: answerTemperature,
  general: answerGeneral,
};

/** The reply to the question asked, for the screen and for the voice. */
export const answerWeather = (facts: WeatherFacts): Spoken => ANSWERS[facts.question](facts);
