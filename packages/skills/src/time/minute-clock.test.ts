import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localClock } from './minute-clock.js';

/** What luxon says for the instant itself: the answer localClock must give, cached or not. */
const fromLuxon = (instant: number, zone: string, locale: string) => {
  const local = DateTime.fromMillis(instant, { zone, locale });
  return {
    spoken: local.toLocaleString(DateTime.TIME_SIMPLE),
    iso: local.toISO({ suppressMilliseconds: true }),
  };
};

const zones = [
  'Europe/Paris',
  'America/New_York',
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Africa/Monrovia', // -00:44:30 until 1972: not whole minutes
  'Europe/London',
  'UTC', // ends in Z
  'Pacific/Chatham',
];

describe('localClock', () => {
  it('says what luxon says for the instant, within a minute already asked and across minutes', () => {
    const instants = fc.oneof(
      fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) }),
      // Around this year's DST changes in New York and Paris, to the second.
      fc.integer({ min: Date.UTC(2026, 2, 8, 6, 58), max: Date.UTC(2026, 2, 8, 7, 2) }),
      fc.integer({ min: Date.UTC(2026, 9, 25, 0, 58), max: Date.UTC(2026, 9, 25, 1, 2) }),
    );
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 0, max: 59_999 }),
        fc.constantFrom(...zones),
        fc.constantFrom('en-US', 'en-GB'),
        (instant, later, zone, locale) => {
          expect(localClock(instant, zone, locale)).toEqual(fromLuxon(instant, zone, locale));
          // The same minute again, now from the cache (or luxon, where the offset is not whole minutes).
          const sameMinute = Math.floor(instant / 60_000) * 60_000 + later;
          expect(localClock(sameMinute, zone, locale)).toEqual(fromLuxon(sameMinute, zone, locale));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('gives the seconds and, when not zero, the milliseconds of the instant', () => {
    const first = Date.parse('2026-11-26T13:05:00.000Z');
    expect(localClock(first, 'Europe/Paris', 'en-US')).toEqual({
      spoken: '2:05 PM',
      iso: '2026-11-26T14:05:00+01:00',
    });
    expect(localClock(first + 9_250, 'Europe/Paris', 'en-US').iso).toBe('2026-11-26T14:05:09.250+01:00');
    expect(localClock(first + 59_007, 'Europe/Paris', 'en-US').iso).toBe('2026-11-26T14:05:59.007+01:00');
    expect(localClock(first + 60_000, 'Europe/Paris', 'en-GB')).toEqual({
      spoken: '14:06',
      iso: '2026-11-26T14:06:00+01:00',
    });
    expect(localClock(first, 'UTC', 'en-US').iso).toBe('2026-11-26T13:05:00Z');
  });
});
