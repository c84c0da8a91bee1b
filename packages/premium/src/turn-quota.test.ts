import { LIMITS } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { fakeEntitlements } from './testing/fake-entitlements.js';
import { giveTurnBack, takeTurn, turnQuotaFor } from './turn-quota.js';

const DAILY = LIMITS.conversationTurnsPerDay;
const TRIAL = LIMITS.conversationTrialTurnsPerMonth;

describe('turnQuotaFor', () => {
  it('spends daily turns on a plan and trial turns otherwise', () => {
    expect(turnQuotaFor({ kind: 'plan' })).toBe('conversation.turns_per_day');
    expect(turnQuotaFor({ kind: 'trial', remaining: 3 })).toBe('conversation.trial_turns_per_month');
  });
});

describe('takeTurn and giveTurnBack', () => {
  it('takes one daily turn on a plan and gives it back to the same period', async () => {
    const fake = fakeEntitlements({ limits: { [DAILY]: 200 } });
    const turn = await takeTurn(fake.entitlements, 'pat', { kind: 'plan' });
    expect(turn).toEqual({ kind: 'taken', quota: DAILY, remaining: 199, period: '2026-11-26' });
    expect(fake.state.used[DAILY]).toBe(1);
    if (turn.kind !== 'taken') throw new Error('expected a taken turn');
    await giveTurnBack(fake.entitlements, 'pat', turn);
    expect(fake.state.used[DAILY]).toBe(0);
    expect(fake.calls).toEqual([`consume ${DAILY} 1`, `refund ${DAILY} 1 2026-11-26`]);
  });

  it('takes one trial turn for trial access', async () => {
    const fake = fakeEntitlements({ limits: { [TRIAL]: 5 }, used: { [TRIAL]: 4 } });
    expect(await takeTurn(fake.entitlements, 'tia', { kind: 'trial', remaining: 1 })).toMatchObject({
      kind: 'taken',
      quota: TRIAL,
      remaining: 0,
    });
  });

  it('takes nothing from a spent quota, and says which one ran out', async () => {
    const fake = fakeEntitlements({
      limits: { [DAILY]: 200, [TRIAL]: 5 },
      used: { [DAILY]: 200, [TRIAL]: 5 },
    });
    expect(await takeTurn(fake.entitlements, 'dee', { kind: 'plan' })).toEqual({
      kind: 'day-used-up',
      quota: DAILY,
    });
    expect(await takeTurn(fake.entitlements, 'tia', { kind: 'trial', remaining: 1 })).toEqual({
      kind: 'trial-used-up',
      quota: TRIAL,
    });
    expect(fake.state.used).toEqual({ [DAILY]: 200, [TRIAL]: 5 });
  });
});
