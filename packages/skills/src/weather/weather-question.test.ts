import { describe, expect, it } from 'vitest';
import { classifyWeatherQuestion } from './weather-question.js';
import { isRainCode, isSnowCode, weatherWords } from './wmo-codes.js';

describe('classifyWeatherQuestion', () => {
  it.each([
    ['will it rain tomorrow in paris', 'rain'],
    ['is it raining', 'rain'],
    ['any showers this afternoon', 'rain'],
    ['will there be a storm tonight', 'rain'],
    ['do i need an umbrella today', 'umbrella'],
    ['should i take an umbrella for the rain', 'umbrella'],
    ['do I need a raincoat', 'umbrella'],
    ['will it snow on saturday', 'snow'],
    ['is it snowing in denver', 'snow'],
    ['is it windy in chicago', 'wind'],
    ['how breezy is it', 'wind'],
    ['how hot is it in phoenix', 'temperature'],
    ['how cold will it be tomorrow', 'temperature'],
    ["what's the temperature in london", 'temperature'],
    ['do i need a jacket', 'temperature'],
    ["what's the weather", 'general'],
    ['is it sunny in rome', 'general'],
    ['weather forecast for friday', 'general'],
  ] as const)('"%s" asks about %s', (text, question) => {
    expect(classifyWeatherQuestion(text)).toBe(question);
  });

  it('ignores words that are part of the place', () => {
    expect(classifyWeatherQuestion("what's the weather in windsor", 'windsor')).toBe('general');
    expect(classifyWeatherQuestion('weather in hot springs tomorrow', 'hot springs')).toBe('general');
    expect(classifyWeatherQuestion('will it rain in hot springs', 'hot springs')).toBe('rain');
  });

  it('reads no text as a general question', () => {
    expect(classifyWeatherQuestion(undefined)).toBe('general');
    expect(classifyWeatherQuestion('')).toBe('general');
  });
});

describe('WMO weather codes', () => {
  it.each([
    [0, 'clear skies'],
    [2, 'partly cloudy skies'],
    [45, 'fog'],
    [61, 'light rain'],
    [63, 'rain'],
    [75, 'heavy snow'],
    [82, 'violent rain showers'],
    [95, 'thunderstorms'],
    [99, 'thunderstorms with heavy hail'],
  ])('%i is %s', (code, words) => {
    expect(weatherWords(code)).toBe(words);
  });

  it('has words for codes outside the table', () => {
    expect(weatherWords(42)).toBe('mixed conditions');
  });

  it('tells rain from snow', () => {
    expect([51, 61, 65, 80, 95].every(isRainCode)).toBe(true);
    expect([0, 3, 45, 71, 86].some(isRainCode)).toBe(false);
    expect([71, 73, 75, 77, 85, 86].every(isSnowCode)).toBe(true);
    expect([61, 3].some(isSnowCode)).toBe(false);
  });
});
