import { describe, expect, it } from 'vitest';
import { formatDuration, formatInstant, formatPercent, formatTable, formatUsd } from './format.js';

describe('formatTable', () => {
  it('aligns columns two spaces apart under the header, with no trailing spaces', () => {
    const table = formatTable(
      [
        ['t1', 'pasta', 'ON'],
        ['timer-22', null, 'PAUSED'],
      ],
      ['ID', 'NAME', 'STATE'],
    );
    expect(table.split('\n')).toEqual([
      'ID        NAME   STATE',
      't1        pasta  ON',
      'timer-22  -      PAUSED',
    ]);
  });

  it('shows empty cells as "-", booleans as yes/no, and pads the last column not at all', () => {
    expect(
      formatTable([
        ['a', '', true],
        ['bb', undefined, false],
      ]),
    ).toBe('a   -  yes\nbb  -  no');
  });

  it('counts code points, so accented names stay aligned', () => {
    expect(
      formatTable([
        ['crème', 1],
        ['tea', 2],
      ]),
    ).toBe('crème  1\ntea    2');
  });

  it('prints only the header for no rows', () => {
    expect(formatTable([], ['ID', 'NAME'])).toBe('ID  NAME');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m 00s'],
    [299.6, '5m 00s'],
    [545, '9m 05s'],
    [3600, '1h 00m'],
    [3720, '1h 02m'],
    [86_400 * 3 + 3600 * 4, '3d 04h'],
    [-5, '0s'],
  ])('%s s -> %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatInstant', () => {
  const now = new Date('2026-11-26T13:05:00Z');

  it('shows the time alone on the same local day, else the date and minutes', () => {
    expect(formatInstant('2026-11-26T14:06:07Z', { now, timeZone: 'UTC' })).toBe('14:06:07');
    expect(formatInstant('2026-11-27T08:00:00Z', { now, timeZone: 'UTC' })).toBe('2026-11-27 08:00');
  });

  it('uses the given zone for both the day and the time', () => {
    // 23:30 UTC is already the next day in Paris.
    expect(formatInstant('2026-11-26T23:30:00Z', { now, timeZone: 'Europe/Paris' })).toBe('2026-11-27 00:30');
    expect(formatInstant('2026-11-26T13:00:00Z', { now, timeZone: 'Europe/Paris' })).toBe('14:00:00');
  });

  it('shows "-" for nothing and passes through what is not a date', () => {
    expect(formatInstant(null)).toBe('-');
    expect(formatInstant('soon')).toBe('soon');
  });
});

describe('money and shares', () => {
  it('keeps sub-cent LLM costs visible', () => {
    expect(formatUsd(12.3)).toBe('$12.30');
    expect(formatUsd(0.000025)).toBe('$0.000025');
    expect(formatUsd(0.004217)).toBe('$0.0042');
    expect(formatUsd(-1.5)).toBe('-$1.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(null)).toBe('-');
  });

  it('writes shares as percentages', () => {
    expect(formatPercent(0.425)).toBe('42.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('-');
  });
});
