import { describe, expect, it } from 'vitest';
import { normalize, tokenize, tokenizeWords } from './normalize.js';

describe('normalize', () => {
  it.each([
    ['What’s the TIME?', 'what is the time'],
    ['whats the weather', 'what is the weather'],
    ['Set a timer, for 10 minutes!', 'set a timer for 10 minutes'],
    ['set an alarm for 6:30am', 'set an alarm for 6:30 am'],
    ['set an alarm for 7 a.m.', 'set an alarm for 7 am'],
    ['set a timer for 1h30m', 'set a timer for 1 h 30 m'],
    ['10min', '10 min'],
    ['forty-five', 'forty five'],
    ['add call bob to my to-do list', 'add call bob to my to do list'],
    ['add milk to my todo list', 'add milk to my to do list'],
    ['on 2026-12-24 at 9', 'on 2026-12-24 at 9'],
    ['convert -40 degrees', 'convert -40 degrees'],
    ['1.5 hours and 1/2 cup', '1.5 hours and 1/2 cup'],
    ['60 mph in km/h', '60 mph in km/h'],
    ['at 7 o’clock', "at 7 o'clock"],
    ["remind me to buy mom's gift", "remind me to buy mom's gift"],
    ['December 24th', 'december 24th'],
    ['1,000 meters', '1000 meters'],
    ['weather in São Paulo', 'weather in são paulo'],
    ['30°C', '30 degrees c'],
    ['end. of sentence: done', 'end of sentence done'],
  ])('%j -> %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it.each([
    ['hey hark set a timer', 'set a timer'],
    ['ok hark, please set a timer for me', 'set a timer'],
    ['can you tell me the time please', 'tell me the time'],
    ['could you please stop', 'stop'],
    ['I want you to stop', 'stop'],
    ['hey, would you set an alarm', 'set an alarm'],
    ['stop thanks', 'stop'],
    ['stop thank you hark', 'stop'],
  ])('drops filler words: %j -> %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps fillers that carry the meaning or are all there is', () => {
    expect(normalize('what can you do')).toBe('what can you do');
    expect(normalize('please')).toBe('please');
    expect(normalize('hey')).toBe('hey');
  });

  it('tokenizes into single words and nothing empty', () => {
    expect(tokenize('  hey   hark ,, set   a timer  ')).toEqual(['set', 'a', 'timer']);
    expect(tokenize('   ')).toEqual([]);
    expect(tokenize('?!')).toEqual([]);
  });

  it('cleans template words like utterances but keeps their fillers', () => {
    expect(tokenizeWords("please what's")).toEqual(['please', 'what', 'is']);
  });
});
