import { describe, expect, it } from 'vitest';
import { systemPrompt } from './system-prompt.js';

const profile = { timezone: null, location: null, units: null, locale: null };
const nowLine = (now: string, timeZone: string, locale = 'en-GB') =>
  systemPrompt({ now: new Date(now), timeZone, locale, profile })
    .split('\n')
    .find((line) => line.startsWith('Now:'));

describe('systemPrompt', () => {
  it('states the local date and time of the zone', () => {
    expect(nowLine('2026-11-26T16:42:10Z', 'Europe/Paris')).toBe(
      'Now: Thursday 26 November 2026, 17:42 local time (Europe/Paris, UTC+01:00; ISO 2026-11-26T17:42).',
    );
  });

  it('keeps the line for the minute only, per zone and locale (it is remembered between turns)', () => {
    expect(nowLine('2026-11-26T16:42:59Z', 'Europe/Paris')).toContain('17:42');
    expect(nowLine('2026-11-26T16:43:00Z', 'Europe/Paris')).toContain('17:43');
    expect(nowLine('2026-11-26T16:43:00Z', 'Asia/Tokyo')).toContain('01:43');
    expect(nowLine('2026-11-26T16:43:00Z', 'Europe/Paris', 'en-US')).toContain('Thursday 26 November 2026');
    // Back to an earlier minute (a test clock, or a clock set back): still the right time.
    expect(nowLine('2026-11-26T16:42:00Z', 'Europe/Paris')).toContain('17:42');
  });
});
