import { describe, expect, it } from 'vitest';
import { quotaPeriodKind, quotaWindow, USAGE_GRACE_SECONDS, usageTtlSeconds } from './quota-periods.js';

describe('quota periods', () => {
  it.each([
    ['conversation.turns_per_day', 'day'],
    ['conversation.trial_turns_per_month', 'month'],
    ['weather.lookups_per_day', 'day'],
    ['timers.max_active', null],
  ])('%s is counted per %s', (quota, kind) => {
    expect(quotaPeriodKind(quota)).toBe(kind);
  });

  it.each([
    ['2026-11-26T00:00:00.000Z', '2026-11-26', '2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    ['2026-11-26T23:59:59.999Z', '2026-11-26', '2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    ['2026-12-31T12:00:00.000Z', '2026-12-31', '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02-28T22:00:00.000Z', '2028-02-28', '2028-02-28T00:00:00.000Z', '2028-02-29T00:00:00.000Z'],
  ])('a day quota at %s counts in UTC day %s', (now, period, startsAt, resetsAt) => {
    const window = quotaWindow('conversation.turns_per_day', new Date(now));
    expect(window).toEqual({ period, startsAt: new Date(startsAt), resetsAt: new Date(resetsAt) });
  });

  it.each([
    ['2026-11-30T23:59:59.999Z', '2026-11', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T00:00:00.000Z', '2026-12', '2027-01-01T00:00:00.000Z'],
    ['2026-12-31T23:00:00.000Z', '2026-12', '2027-01-01T00:00:00.000Z'],
  ])('a month quota at %s counts in UTC month %s', (now, period, resetsAt) => {
    const window = quotaWindow('conversation.trial_turns_per_month', new Date(now));
    expect(window.period).toBe(period);
    expect(window.resetsAt.toISOString()).toBe(resetsAt);
  });

  it('refuses a quota whose name says no period', () => {
    expect(() => quotaWindow('timers.max_active', new Date())).toThrow(/_per_day or _per_month/);
  });

  it('keeps a usage key until the reset plus grace', () => {
    const now = new Date('2026-11-26T23:00:00Z');
    const window = quotaWindow('conversation.turns_per_day', now);
    expect(usageTtlSeconds(window, now)).toBe(3_600 + USAGE_GRACE_SECONDS);
  });
});
