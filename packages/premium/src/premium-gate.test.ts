import { FEATURES, LIMITS, type Plan } from '@hark/contracts';
import { testPlans } from '@hark/testing';
import { describe, expect, it } from 'vitest';
import { allowsConversation, conversationAccess } from './premium-gate.js';
import { fakeEntitlements } from './testing/fake-entitlements.js';

const free = structuredClone(testPlans.free) as Plan;
const premium = structuredClone(testPlans.premium) as Plan;
const TRIAL = LIMITS.conversationTrialTurnsPerMonth;

describe('conversationAccess', () => {
  it('lets a plan with conversation through without reading the trial', async () => {
    const fake = fakeEntitlements({ features: { [FEATURES.conversation]: true } });
    expect(await conversationAccess(fake.entitlements, 'pat')).toEqual({ kind: 'plan' });
    expect(fake.calls).toEqual(['entitlements']);
  });

  it('says switched-off when an operator turned conversation off, even on a plan with it', async () => {
    const fake = fakeEntitlements({
      features: { [FEATURES.conversation]: true },
      switchedOff: [FEATURES.conversation],
    });
    expect(await conversationAccess(fake.entitlements, 'kim')).toEqual({ kind: 'switched-off' });
  });

  it('gives a free user the trial while monthly trial turns are left', async () => {
    const fake = fakeEntitlements({ limits: { [TRIAL]: 5 }, used: { [TRIAL]: 3 } });
    expect(await conversationAccess(fake.entitlements, 'tia')).toEqual({ kind: 'trial', remaining: 2 });
    expect(fake.calls).toEqual(['entitlements', `usage ${TRIAL}`]);
  });

  it('upsells the plan to offer, with the trial limit, once the trial is spent', async () => {
    const fake = fakeEntitlements({ limits: { [TRIAL]: 5 }, used: { [TRIAL]: 5 }, plans: [free, premium] });
    expect(await conversationAccess(fake.entitlements, 'spent')).toEqual({
      kind: 'upsell',
      plan: premium,
      trialLimit: 5,
    });
  });

  it('says none when no open plan sells conversation', async () => {
    const fake = fakeEntitlements({ plans: [free, { ...premium, enabled: false }] });
    expect(await conversationAccess(fake.entitlements, 'ned')).toEqual({ kind: 'none' });
  });
});

describe('allowsConversation', () => {
  it.each([
    [{ kind: 'plan' }, true],
    [{ kind: 'trial', remaining: 1 }, true],
    [{ kind: 'switched-off' }, false],
    [{ kind: 'upsell', plan: premium, trialLimit: 5 }, false],
    [{ kind: 'none' }, false],
  ] as const)('%o -> %s', (access, expected) => {
    expect(allowsConversation(access)).toBe(expected);
  });
});
