import { describe, expect, it } from 'vitest';
import type { CurrentConditions, DailyForecast } from './forecast.js';
import { answerWeather, type WeatherFacts } from './weather-answers.js';
import { chance, precipitationAmount, temperature } from './weather-words.js';

const day = (overrides: Partial<DailyForecast> = {}): DailyForecast => ({
  date: '2026-11-27',
  weatherCode: 3,
  conditions: 'overcast skies',
  high: 14,
  low: 6,
  precipitation: 0,
  precipitationProbability: 5,
  windSpeedMax: 20,
  ...overrides,
});

const rainyDay = day({
  weatherCode: 63,
  conditions: 'rain',
  precipitation: 6.4,
  precipitationProbability: 85,
});

const current = (overrides: Partial<CurrentConditions> = {}): CurrentConditions => ({
  time: '2026-11-26T14:00',
  temperature: 12.3,
  feelsLike: 9.1,
  precipitation: 0,
  weatherCode: 2,
  conditions: 'partly cloudy skies',
  windSpeed: 11,
  humidity: 70,
  ...overrides,
});

const facts = (overrides: Partial<WeatherFacts>): WeatherFacts => ({
  question: 'general',
  place: 'Paris',
  when: 'tomorrow',
  day: day(),
  current: null,
  units: 'metric',
  ...overrides,
});

describe('rain', () => {
  it('gives the probability and the amount', () => {
    expect(answerWeather(facts({ question: 'rain', day: rainyDay }))).toEqual({
      text: 'Yes, rain is likely in Paris tomorrow: an 85% chance, about 6.4 mm.',
      speech: 'Yes, rain is likely in Paris tomorrow: an 85 percent chance, about 6.4 millimeters.',
    });
  });

  it('says maybe for a small chance and no for a dry day', () => {
    const showery = day({ precipitationProbability: 30, precipitation: 0.4 });
    expect(answerWeather(facts({ question: 'rain', day: showery })).text).toBe(
      "Maybe: there's a 30% chance of rain in Paris tomorrow, about 0.4 mm.",
    );
    expect(answerWeather(facts({ question: 'rain' })).text).toBe(
      'No rain is expected in Paris tomorrow (a 5% chance).',
    );
  });

  it('reads a drizzle code with low odds as maybe, not likely', () => {
    const drizzly = day({
      weatherCode: 51,
      conditions: 'light drizzle',
      precipitation: 0.1,
      precipitationProbability: 15,
    });
    expect(answerWeather(facts({ question: 'rain', day: drizzly })).text).toBe(
      "Maybe: there's a 15% chance of rain in Paris tomorrow, about 0.1 mm.",
    );
  });

  it('says when it is raining right now', () => {
    const answer = answerWeather(
      facts({
        question: 'rain',
        when: 'today',
        day: rainyDay,
        current: current({ weatherCode: 61, conditions: 'light rain' }),
      }),
    );
    expect(answer.text).toBe(
      "Yes, it's raining in Paris right now (light rain). About 6.4 mm in total today.",
    );
  });

  it('uses inches in imperial units', () => {
    const answer = answerWeather(
      facts({ question: 'rain', units: 'imperial', day: { ...rainyDay, precipitation: 0.25 } }),
    );
    expect(answer.text).toBe('Yes, rain is likely in Paris tomorrow: an 85% chance, about 0.25 in.');
    expect(answer.speech).toContain('about 0.25 inches');
  });
});

describe('umbrella', () => {
  it('answers yes or no with the reason', () => {
    expect(answerWeather(facts({ question: 'umbrella', day: rainyDay })).text).toBe(
      "Yes, take an umbrella: there's an 85% chance of rain in Paris tomorrow, about 6.4 mm.",
    );
    expect(answerWeather(facts({ question: 'umbrella' })).text).toBe(
      "No, you won't need an umbrella in Paris tomorrow: only a 5% chance of rain.",
    );
    expect(
      answerWeather(facts({ question: 'umbrella', day: day({ precipitationProbability: null }) })).text,
    ).toBe("No, you won't need an umbrella in Paris tomorrow: no rain is expected.");
  });
});

describe('temperature', () => {
  it('tells the temperature now, how it feels (which sets the word), and today’s range', () => {
    expect(answerWeather(facts({ question: 'temperature', when: 'today', current: current() }))).toEqual({
      text: "It's cold in Paris right now: 12°C, feels like 9°C. Today's high is 14°C and the low 6°C.",
      speech:
        "It's cold in Paris right now: 12 degrees, feels like 9 degrees. Today's high is 14 degrees and the low 6 degrees.",
    });
  });

  it('gives a forecast day’s high and low, in Fahrenheit for imperial users', () => {
    const hot = day({ high: 95, low: 72 });
    expect(answerWeather(facts({ question: 'temperature', units: 'imperial', day: hot })).text).toBe(
      'Tomorrow in Paris it will be hot, with a high of 95°F and a low of 72°F.',
    );
  });

  it('says minus for temperatures below zero', () => {
    const freezing = day({ high: -1.4, low: -7.6 });
    expect(answerWeather(facts({ question: 'temperature', day: freezing })).speech).toBe(
      'Tomorrow in Paris it will be freezing, with a high of minus 1 degree and a low of minus 8 degrees.',
    );
  });
});

describe('wind, snow and general questions', () => {
  it('describes the wind', () => {
    expect(
      answerWeather(facts({ question: 'wind', when: 'today', current: current({ windSpeed: 45 }) })).text,
    ).toBe("It's windy in Paris right now, with wind at 45 km/h, up to 20 km/h today.");
    expect(
      answerWeather(facts({ question: 'wind', units: 'imperial', day: day({ windSpeedMax: 30 }) })).text,
    ).toBe('Tomorrow in Paris it will be windy, with wind up to 30 mph.');
  });

  it('answers about snow from the weather code', () => {
    const snowy = day({
      weatherCode: 73,
      conditions: 'snow',
      precipitationProbability: 70,
      high: 0,
      low: -4,
    });
    expect(answerWeather(facts({ question: 'snow', day: snowy })).text).toBe(
      'Yes, expect snow in Paris tomorrow, a 70% chance; high 0°C, low -4°C.',
    );
    expect(answerWeather(facts({ question: 'snow' })).text).toBe(
      'No snow is expected in Paris tomorrow: overcast skies, high 14°C, low 6°C.',
    );
  });

  it('gives conditions with high and low', () => {
    expect(answerWeather(facts({}))).toEqual({
      text: 'Tomorrow in Paris: overcast skies, high 14°C, low 6°C.',
      speech: 'Tomorrow in Paris expect overcast skies, with a high of 14 degrees and a low of 6 degrees.',
    });
    expect(answerWeather(facts({ when: 'today', current: current() })).text).toBe(
      "Right now in Paris it's 12°C with partly cloudy skies. Today: overcast skies, high 14°C, low 6°C.",
    );
  });
});

describe('weather words', () => {
  it('uses "an" where it is said so', () => {
    expect([8, 11, 18, 80, 85, 89].map((p) => chance(p).text.split(' ')[0])).toEqual(Array(6).fill('an'));
    expect([1, 10, 30, 70, 90, 100].map((p) => chance(p).text.split(' ')[0])).toEqual(Array(6).fill('a'));
  });

  it('rounds amounts the way gauges show them', () => {
    expect(precipitationAmount(12.34, 'metric').text).toBe('12 mm');
    expect(precipitationAmount(0.01, 'metric').text).toBe('a trace');
    expect(precipitationAmount(1, 'imperial').speech).toBe('1 inch');
    expect(temperature(-0.3, 'metric').text).toBe('0°C');
  });
});
