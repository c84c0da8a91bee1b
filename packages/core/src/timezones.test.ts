import { describe, expect, it } from 'vitest';
import { HarkError } from './errors.js';
import { resolveLocale, resolveTimeZone } from './timezones.js';

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
