import { describe, expect, it } from 'vitest';
import { parseAnswer, parseChoice } from './index.js';

const EVENING = { now: '2026-03-04T21:00' };

describe('parseAnswer: duration ("For how long?")', () => {
  it.each([
    ['ten minutes', 600],
    ['10 min', 600],
    ['an hour and a half', 5400],
    ['um, let’s say five minutes', 300],
    ['make it twenty minutes please', 1200],
    ['for 45 seconds', 45],
    ['about half an hour', 1800],
    ['uh 2 hours 15 minutes', 8100],
    ['a couple of minutes', 120],
    ['ninety seconds thanks', 90],
    ['in 10 minutes', 600],
    ['just a minute', 60],
  ])('%j -> %d seconds', (text, seconds) => {
    expect(parseAnswer(text, 'duration')).toBe(seconds);
  });

  it.each([
    "what's the weather",
    'ten',
    'um',
    'set an alarm for 7',
    'cancel',
    '10 minutes and set another timer',
    '',
  ])('%j is no duration', (text) => {
    expect(parseAnswer(text, 'duration')).toBeNull();
  });
});

describe('parseAnswer: clock_time ("For what time?")', () => {
  it.each([
    ['half past six', '06:30'],
    ['at 7 pm', '19:00'],
    ['6:45 am please', '06:45'],
    ['for half seven', '07:30'],
    ['quarter to eight', '07:45'],
    ['noon', '12:00'],
    ['um seven thirty', '07:30'],
    ['7', '07:00'],
    ['7 tomorrow evening', '19:00'],
    ['around 10 tonight', '22:00'],
    ['make it 6 in the morning', '06:00'],
  ])('%j -> %j', (text, time) => {
    expect(parseAnswer(text, 'clock_time')).toBe(time);
  });

  it('resolves "in 20 minutes" only with the caller\'s local time', () => {
    expect(parseAnswer('in 20 minutes', 'clock_time', EVENING)).toBe('21:20');
    expect(parseAnswer('in 3 hours', 'clock_time', EVENING)).toBe('00:00');
    expect(parseAnswer('in 20 minutes', 'clock_time')).toBeNull();
  });

  it.each(['7 on friday', "what's the weather", 'twenty minutes', 'tomorrow', 'pasta', 'stop'])(
    '%j is no clock time',
    (text) => {
      expect(parseAnswer(text, 'clock_time', EVENING)).toBeNull();
    },
  );
});

describe('parseAnswer: location ("Which city?")', () => {
  it.each([
    ['in Paris please', 'paris'],
    ['Paris', 'paris'],
    ["I'm in New York", 'new york'],
    ["it's San Francisco", 'san francisco'],
    ['for london', 'london'],
    ['um São Paulo', 'são paulo'],
    ['at rio de janeiro', 'rio de janeiro'],
  ])('%j -> %j', (text, place) => {
    expect(parseAnswer(text, 'location')).toBe(place);
  });

  it.each([
    "what's the weather",
    'cancel the timer',
    'set a timer for 5 minutes',
    'tomorrow',
    'on mars',
    'here',
    'never mind',
    'in the movie',
    'please',
  ])('%j is no place', (text) => {
    expect(parseAnswer(text, 'location')).toBeNull();
  });
});

describe('parseAnswer: text (reminder text, labels)', () => {
  it.each([
    ['to call mom', 'call mom'],
    ['Call the plumber about the leak.', 'call the plumber about the leak'],
    ['um, that I need to pick up the kids', 'pick up the kids'],
    ['check the weather', 'check the weather'],
    ["it's the gym", 'the gym'],
  ])('%j -> %j', (text, answer) => {
    expect(parseAnswer(text, 'text')).toBe(answer);
  });

  it.each(['cancel', 'stop', 'never mind', 'help', 'um', '', 'x '.repeat(120)])('%j is no text', (text) => {
    expect(parseAnswer(text, 'text')).toBeNull();
  });
});

describe('parseChoice', () => {
  const timers = [
    { phrases: ['pasta', '10 minute', 'ten minutes'] },
    { phrases: ['eggs', '5 minute'] },
    { phrases: ['soft boiled eggs', '6 minute'] },
  ];

  it.each([
    ['pasta', 0],
    ['the pasta one', 0],
    ['the pasta timer please', 0],
    ['the ten minute one', 0],
    ['10 minutes', 0],
    ['the five minute timer', 1],
    ['the soft boiled eggs', 2],
    ['6 minutes', 2],
    ['the first one', 0],
    ['the second', 1],
    ['the 2nd one', 1],
    ['number three', 2],
    ['option 2', 1],
    ['the last one', 2],
    ['um the last', 2],
    ['cancel the pasta one', 0],
  ])('%j -> %d', (text, index) => {
    expect(parseChoice(text, timers)).toBe(index);
  });

  it('prefers the longest phrase: "soft boiled eggs" beats "eggs"', () => {
    expect(parseChoice('soft boiled eggs please', timers)).toBe(2);
    expect(parseChoice('eggs', timers)).toBe(1);
  });

  it.each([
    'the fourth one',
    'neither',
    'both of them',
    'never mind',
    'no thanks',
    "what's the weather",
    'the 20 minute one',
    '',
  ])('%j picks nothing', (text) => {
    expect(parseChoice(text, timers)).toBeNull();
  });

  it('gives no pick when two choices match equally', () => {
    const alarms = [{ phrases: ['7 am', 'work'] }, { phrases: ['7 am', 'gym'] }];
    expect(parseChoice('the 7 am one', alarms)).toBeNull();
    expect(parseChoice('the gym one', alarms)).toBe(1);
    expect(parseChoice('seven in the morning', alarms)).toBeNull();
  });

  it('matches clock times by value', () => {
    const alarms = [{ phrases: ['6:30 am'] }, { phrases: ['7 am'] }];
    expect(parseChoice('the seven o’clock one', alarms)).toBe(1);
    expect(parseChoice('half six', alarms)).toBe(0);
  });

  it('picks nothing from no choices', () => {
    expect(parseChoice('the first one', [])).toBeNull();
  });
});
