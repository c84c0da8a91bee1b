import { describe, expect, it } from 'vitest';
import { harkErrorKeys, isHarkErrorCode } from './errors.js';

describe('Hark error codes', () => {
  it('tells the codes this version knows from any other string', () => {
    expect(isHarkErrorCode('HARK_ERR_NOT_FOUND')).toBe(true);
    expect(isHarkErrorCode('HARK_ERR_SPEECH_UNAVAILABLE')).toBe(true);
    expect(isHarkErrorCode('HARK_ERR_ADDED_LATER')).toBe(false);
    expect(isHarkErrorCode('NOT_FOUND')).toBe(false);
    expect(isHarkErrorCode('HTTP_502')).toBe(false);
    expect(isHarkErrorCode('hark_err_not_found')).toBe(false);
  });

  it('lists each name once, in the shape the error body schema accepts', () => {
    expect(new Set(harkErrorKeys).size).toBe(harkErrorKeys.length);
    for (const key of harkErrorKeys) expect(`HARK_ERR_${key}`).toMatch(/^HARK_ERR_[A-Z_]+$/);
  });
});
