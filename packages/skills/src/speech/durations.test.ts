import { describe, expect, it } from 'vitest';
import {
  durationModifier,
  durationPhrases,
  spokenDuration,
  spokenRemaining,
  spokenUntil,
} from './durations.js';

describe('spokenDuration', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [90, '1 minute and 30 seconds'],
    [600, '10 minutes'],
    [5400, '1 hour and 30 minutes'],
    [3661, '1 hour, 1 minute and 1 second'],
    [2 * 86_400 + 3 * 3600, '2 days and 3 hours'],
  ])('%i s -> %s', (seconds, spoken) => {
    expect(spokenDuration(seconds)).toBe(spoken);
  });

  it('says numbers in words when asked, and modifiers in the singular', () => {
    expect(spokenDuration(600, 'words')).toBe('ten minutes');
    expect(durationModifier(600)).toBe('10 minute');
    expect(durationModifier(5400)).toBe('1 hour 30 minute');
  });
});

describe('spokenRemaining', () => {
  it.each([
    [0, '0 seconds'],
    [400, '1 second'],
    [42_000, '42 seconds'],
    [59_001, '1 minute'],
    [75_000, 'about 1 minute'],
    [250_000, 'about 4 minutes'],
    [280_000, 'about 5 minutes'],
    [600_000, '10 minutes'],
    [4_780_000, 'about 1 hour and 20 minutes'],
    [7_190_000, 'about 2 hours'],
  ])('%i ms -> %s', (ms, spoken) => {
    expect(spokenRemaining(ms)).toBe(spoken);
  });
});

describe('spokenUntil', () => {
  it.each([
    [20_000, 'in less than a minute'],
    [25 * 60_000 + 20_000, 'in 25 minutes'],
    [(9 * 60 + 55) * 60_000, 'in 9 hours and 55 minutes'],
    [(51 * 60 + 20) * 60_000, 'in 2 days and 3 hours'],
  ])('%i ms -> %s', (ms, spoken) => {
    expect(spokenUntil(ms)).toBe(spoken);
  });
});

describe('durationPhrases', () => {
  it('offers every way a length is said in an answer', () => {
    expect(durationPhrases(600)).toEqual(['10 minutes', '10 minute', 'ten minutes', 'ten minute']);
    expect(durationPhrases(60)).toEqual(['1 minute', 'one minute']);
  });
});
