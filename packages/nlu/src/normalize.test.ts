import { describe, expect, it } from 'vitest';
import { analyze, normalize, tokenize, tokenizeWords } from './normalize.js';

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
    // Written short forms of days, whole words only.
    ['weather tmrw', 'weather tomorrow'],
    ['alarm 7am tmw', 'alarm 7 am tomorrow'],
    ['remind me 2morrow', 'remind me tomorrow'],
    ["what's on 2day", 'what is on today'],
    ['weather 2nite', 'weather tonight'],
    ['cold tonite?', 'cold tonight'],
    ['2 days', '2 days'],
  ])('%j -> %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it.each([
    ['hey hark set a timer', 'set a timer'],
    ['ok hark, please set a timer for me', 'set a timer'],
    ['can you tell me the time please', 'the time'],
    ["I'd like a timer for ten minutes", 'a timer for ten minutes'],
    ['can I get a 5 minute timer', 'a 5 minute timer'],
    ['um so uh set a timer', 'set a timer'],
    ['hey there, go ahead and add milk to my list', 'add milk to my list'],
    ['would you mind setting an alarm', 'setting an alarm'],
    ['set a timer for 5 minutes, would you?', 'set a timer for 5 minutes'],
    ['is it gonna rain', 'is it going to rain'],
    ['Alexa, what time is it right now', 'what time is it'],
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
    expect(normalize('help me')).toBe('help me');
    expect(normalize('set an alarm for 30 minutes from now')).toBe('set an alarm for 30 minutes from now');
  });

  it('keeps commas and semicolons as breaks before the word they precede', () => {
    const { tokens, breaks } = analyze('Hey hark, add eggs, milk, and bread; jam to my list, please.');
    expect(tokens).toEqual(['add', 'eggs', 'milk', 'and', 'bread', 'jam', 'to', 'my', 'list']);
    expect([...breaks].sort()).toEqual([2, 3, 5]);
    expect(analyze('1,000 meters').breaks.size).toBe(0);
  });

  it('repairs known speech-to-text slips, unless asked not to', () => {
    expect(normalize('set a time her for 5 minuets')).toBe('set a timer for 5 minutes');
    expect(normalize("what's the whether like")).toBe('what is the weather like');
    expect(normalize('tell me whether it will rain')).toBe('whether it will rain');
    expect(analyze('remind be to call', { sttRepairs: false }).tokens).toEqual([
      'remind',
      'be',
      'to',
      'call',
    ]);
    expect(analyze('remind be to call').tokens).toEqual(['remind', 'me', 'to', 'call']);
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
