import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { HarkError } from './errors.js';
import { localDateTime, luxonZone, resolveLocale, resolveTimeZone } from './timezones.js';

describe('resolveTimeZone', () => {
  it('prefers the request, then the user default, then UTC', () => {
    expect(resolveTimeZone('Asia/Tokyo', 'Europe/Paris')).toBe('Asia/Tokyo');
    expect(resolveTimeZone(undefined, 'Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone(undefined, null)).toBe('UTC');
  });

  it('rejects unknown zones with HARK_ERR_INVALID_TIMEZONE', () => {
    expect(() => resolveTimeZone('Mars/Olympus_Mons', null)).toThrowError(HarkError);
    try {
      resolveTimeZone('Mars/Olympus_Mons', null);
    } catch (error) {
      expect((error as HarkError).code).toBe('HARK_ERR_INVALID_TIMEZONE');
    }
  });
});

describe('resolveLocale', () => {
  it('canonicalises English locales and defaults to en-US', () => {
    expect(resolveLocale(undefined)).toBe('en-US');
    expect(resolveLocale('en-gb')).toBe('en-GB');
    expect(resolveLocale('en')).toBe('en');
  });

  it('separates malformed tags from unsupported languages', () => {
    expect(() => resolveLocale('not a locale!')).toThrowError(
      expect.objectContaining({ code: 'HARK_ERR_INVALID_LOCALE' }),
    );
    expect(() => resolveLocale('fr-FR')).toThrowError(
      expect.objectContaining({ code: 'HARK_ERR_UNSUPPORTED_LOCALE' }),
    );
  });
});

describe('luxonZone', () => {
  // Paris left summer time at 2026-10-25T01:00:00Z (03:00 local became 02:00).
  const fallBack = Date.parse('2026-10-25T01:00:00Z');

  it('gives the offsets plain luxon gives, second by second across a transition, in any order', () => {
    const instants = [-2_000, -1_000, -1, 0, 999, 1_000, -1, 0, 60_000, -3_600_000, 0].map(
      (d) => fallBack + d,
    );
    for (const ts of instants) {
      const remembered = DateTime.fromMillis(ts, { zone: luxonZone('Europe/Paris') });
      const plain = DateTime.fromMillis(ts, { zone: 'Europe/Paris' });
      expect(remembered.offset).toBe(plain.offset);
      expect(remembered.toISO()).toBe(plain.toISO());
      expect(remembered.zoneName).toBe('Europe/Paris');
    }
  });

  it('leaves UTC and fixed offsets as luxon makes them (ISO ends in Z for UTC)', () => {
    expect(DateTime.fromMillis(fallBack, { zone: luxonZone('UTC') }).toISO()).toBe(
      '2026-10-25T01:00:00.000Z',
    );
    expect(luxonZone('UTC+2').type).toBe('fixed');
    expect(luxonZone('Mars/Olympus_Mons').isValid).toBe(false);
  });
});

describe('localDateTime', () => {
  it('follows the minute and the zone, across a change of offset', () => {
    const at = (iso: string, zone: string) => localDateTime(new Date(iso), zone);
    expect(at('2026-10-25T00:59:59.999Z', 'Europe/Paris')).toBe('2026-10-25T02:59');
    expect(at('2026-10-25T01:00:00.000Z', 'Europe/Paris')).toBe('2026-10-25T02:00');
    expect(at('2026-10-25T01:00:59.000Z', 'Europe/Paris')).toBe('2026-10-25T02:00');
    expect(at('2026-10-25T01:00:59.000Z', 'Asia/Kathmandu')).toBe('2026-10-25T06:45');
    expect(at('2026-10-25T01:01:00.000Z', 'Europe/Paris')).toBe('2026-10-25T02:01');
    expect(at('2026-10-25T00:59:59.999Z', 'Europe/Paris')).toBe('2026-10-25T02:59');
  });
});
