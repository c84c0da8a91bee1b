import { describe, expect, it } from 'vitest';
import { stableInstructions, systemPrompt, turnContext } from './system-prompt.js';

const profile = { timezone: null, location: null, units: null, locale: null };
const nowLine = (now: string, timeZone: string, locale = 'en-GB') =>
  turnContext({ now: new Date(now), timeZone, locale, profile }).split(' User lives in:')[0];

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

  it('keeps the clock and the user out of the fixed instructions, which come first', () => {
    const paris = {
      now: new Date('2026-11-26T16:42:10Z'),
      timeZone: 'Europe/Paris',
      locale: 'en-GB',
      profile,
    };
    const tokyo = {
      ...paris,
      now: new Date('2027-03-01T01:00:00Z'),
      timeZone: 'Asia/Tokyo',
      locale: 'en-US',
    };
    for (const selection of ['all', 'relevant'] as const) {
      const fixed = stableInstructions(selection);
      expect(systemPrompt(paris, selection).startsWith(fixed)).toBe(true);
      expect(systemPrompt(tokyo, selection).startsWith(fixed)).toBe(true);
      expect(fixed).not.toMatch(/2026|Paris|Now:/);
    }
    expect(stableInstructions('relevant')).toContain('more_tools');
    expect(stableInstructions('all')).not.toContain('more_tools');
    expect(turnContext(paris)).toBe(
      'Now: Thursday 26 November 2026, 17:42 local time (Europe/Paris, UTC+01:00; ISO 2026-11-26T17:42). ' +
        'User lives in: unknown (ask, or use the location the user names). Units: metric. Language: en-GB.',
    );
  });
});
