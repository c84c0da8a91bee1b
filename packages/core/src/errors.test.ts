import { describe, expect, it } from 'vitest';
import { errorCatalogue, HarkError } from './errors.js';

describe('error catalogue', () => {
  it('fills message templates and exposes a stable code and status', () => {
    const error = new HarkError('INVALID_TIMEZONE', { timezone: 'Mars/Base' });
    expect(error.code).toBe('HARK_ERR_INVALID_TIMEZONE');
    expect(error.statusCode).toBe(400);
    expect(error.toBody()).toEqual({
      error: { code: 'HARK_ERR_INVALID_TIMEZONE', message: expect.stringContaining('Mars/Base') },
    });
  });

  it('includes details only when given', () => {
    expect(
      new HarkError('VALIDATION', { summary: 'x' }, [{ field: 'body.text' }]).toBody().error.details,
    ).toEqual([{ field: 'body.text' }]);
    expect('details' in new HarkError('UNAUTHORIZED').toBody().error).toBe(false);
  });

  it('uses only client or server error statuses and SCREAMING_SNAKE keys', () => {
    for (const [key, entry] of Object.entries(errorCatalogue)) {
      expect(key).toMatch(/^[A-Z_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
    }
  });
});
