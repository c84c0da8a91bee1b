import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localInstant, nextOccurrence, repeatWeekdays } from './alarm-recurrence.js';

const berlin = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);
const local = (ms: number | null, zone = berlin) =>
  ms === null ? null : DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-LL-dd'T'HH:mm ZZ");

/** Every occurrence from `from` on, `count` of them, read back on the local clock. */
function occurrences(clock: Parameters<typeof nextOccurrence>[0], from: number, count: number) {
  const found: (string | null)[] = [];
  let after = from;
  for (let i = 0; i < count; i++) {
    const next = nextOccurrence(clock, after);
    found.push(local(next, clock.timeZone));
    if (next === null) break;
    after = next;
  }
  return found;
}

describe('nextOccurrence', () => {
  const daily = { time: '07:00', date: null, repeat: 'daily', timeZone: berlin };

  it('keeps a daily 07:00 alarm at 07:00 local across the March change (last Sunday)', () => {
    expect(occurrences(daily, at('2026-03-27T12:00:00Z'), 3)).toEqual([
      'Sat 2026-03-28T07:00 +01:00',
      'Sun 2026-03-29T07:00 +02:00',
      'Mon 2026-03-30T07:00 +02:00',
    ]);
    // 23 hours between Saturday's and Sunday's ring: the clock moved, the alarm did not.
    const saturday = nextOccurrence(daily, at('2026-03-27T12:00:00Z'))!;
    expect(nextOccurrence(daily, saturday)! - saturday).toBe(23 * 3600_000);
  });

  it('keeps it at 07:00 local across the October change', () => {
    expect(occurrences(daily, at('2026-10-23T12:00:00Z'), 3)).toEqual([
      'Sat 2026-10-24T07:00 +02:00',
      'Sun 2026-10-25T07:00 +01:00',
      'Mon 2026-10-26T07:00 +01:00',
    ]);
    const saturday = nextOccurrence(daily, at('2026-10-23T12:00:00Z'))!;
    expect(nextOccurrence(daily, saturday)! - saturday).toBe(25 * 3600_000);
  });

  it('rings a time skipped by the spring change when the clock jumps over it', () => {
    const early = { time: '02:30', date: '2026-03-29', repeat: null, timeZone: berlin };
    expect(local(nextOccurrence(early, at('2026-03-28T12:00:00Z')))).toBe('Sun 2026-03-29T03:30 +02:00');
  });

  it('follows weekdays, weekends and chosen days', () => {
    const friday = at('2026-11-27T12:00:00Z');
    const weekdays = { ...daily, repeat: 'weekdays' };
    expect(occurrences(weekdays, friday, 2)).toEqual([
      'Mon 2026-11-30T07:00 +01:00',
      'Tue 2026-12-01T07:00 +01:00',
    ]);
    expect(occurrences({ ...daily, repeat: 'weekends' }, friday, 3)).toEqual([
      'Sat 2026-11-28T07:00 +01:00',
      'Sun 2026-11-29T07:00 +01:00',
      'Sat 2026-12-05T07:00 +01:00',
    ]);
    expect(occurrences({ ...daily, repeat: 'mon,wed' }, friday, 2)).toEqual([
      'Mon 2026-11-30T07:00 +01:00',
      'Wed 2026-12-02T07:00 +01:00',
    ]);
  });

  it('rings a one-off alarm without a date the next time the clock shows it', () => {
    const once = { time: '07:00', date: null, repeat: null, timeZone: berlin };
    expect(local(nextOccurrence(once, at('2026-11-26T05:00:00Z')))).toBe('Thu 2026-11-26T07:00 +01:00');
    expect(local(nextOccurrence(once, at('2026-11-26T06:00:00Z')))).toBe('Fri 2026-11-27T07:00 +01:00');
  });

  it('has no next time for a one-off alarm whose moment passed', () => {
    const once = { time: '07:00', date: '2026-11-26', repeat: null, timeZone: berlin };
    expect(nextOccurrence(once, at('2026-11-26T06:00:00Z'))).toBeNull();
    expect(nextOccurrence(once, at('2026-11-26T05:59:59Z'))).toBe(at('2026-11-26T06:00:00Z'));
  });

  it('starts a repeating alarm no earlier than its first day', () => {
    const fromDecember = { ...daily, date: '2026-12-01' };
    expect(local(nextOccurrence(fromDecember, at('2026-11-26T12:00:00Z')))).toBe(
      'Tue 2026-12-01T07:00 +01:00',
    );
  });
});

describe('helpers', () => {
  it('reads repeat rules as ISO weekdays', () => {
    expect([...repeatWeekdays('weekends')!]).toEqual([6, 7]);
    expect([...repeatWeekdays('mon,fri')!]).toEqual([1, 5]);
    expect(repeatWeekdays(null)).toBeNull();
  });

  it('refuses dates that do not exist', () => {
    expect(localInstant('2026-02-30', '07:00', berlin)).toBeNull();
    expect(localInstant('2026-02-28', '07:00', berlin)).toBe(at('2026-02-28T06:00:00Z'));
  });
});
