import { describe, expect, it } from 'vitest';
import { UsageError } from '../exit-codes.js';
import { parseUntil } from './admin-plans.js';

const now = new Date('2026-11-26T13:05:00Z');

describe('parseUntil', () => {
  it.each([
    ['30m', '2026-11-26T13:35:00.000Z'],
    ['12h', '2026-11-27T01:05:00.000Z'],
    ['7d', '2026-12-03T13:05:00.000Z'],
    ['2w', '2026-12-10T13:05:00.000Z'],
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00.000Z'],
    ['2026-12-01T09:00:00+01:00', '2026-12-01T08:00:00.000Z'],
  ])('%s -> %s', (value, expected) => {
    expect(parseUntil(value, now)).toBe(expected);
  });

  it.each(['tomorrow', '7 days', '2026-12-01T09:00', '2026-13-45', ''])('refuses %j', (value) => {
    expect(() => parseUntil(value, now)).toThrow(UsageError);
  });
});
