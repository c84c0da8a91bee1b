import { FEATURES, type Plan } from '@hark/contracts';
import { testPlans } from '@hark/testing';
import { describe, expect, it } from 'vitest';
import { maySpeakReplies, transcriptionAccess } from './speech-access.js';
import { fakeEntitlements } from './testing/fake-entitlements.js';

const free = structuredClone(testPlans.free) as Plan;
const premium = structuredClone(testPlans.premium) as Plan;

describe('transcriptionAccess', () => {
  it('allows a plan with voice.stt without reading plans', async () => {
    const fake = fakeEntitlements({ features: { [FEATURES.voiceStt]: true }, plans: [free, premium] });
    expect(await transcriptionAccess(fake.entitlements, 'pat')).toEqual({ kind: 'allowed' });
    expect(fake.calls).toEqual([`check ${FEATURES.voiceStt}`]);
  });

  it('upsells the plan with voice.stt to a user without it', async () => {
    const fake = fakeEntitlements({ plans: [free, premium] });
    expect(await transcriptionAccess(fake.entitlements, 'ada')).toEqual({ kind: 'upsell', plan: premium });
  });

  it('upsells no plan when none open has voice.stt, or it is switched off', async () => {
    const closed = fakeEntitlements({ plans: [free, { ...premium, enabled: false }] });
    expect(await transcriptionAccess(closed.entitlements, 'ada')).toEqual({ kind: 'upsell', plan: null });
    const off = fakeEntitlements({
      features: { [FEATURES.voiceStt]: true },
      switchedOff: [FEATURES.voiceStt],
    });
    expect((await transcriptionAccess(off.entitlements, 'pat')).kind).toBe('upsell');
  });
});

describe('maySpeakReplies', () => {
  it('follows voice.tts', async () => {
    expect(await maySpeakReplies(fakeEntitlements().entitlements, 'ada')).toBe(false);
    const premiumUser = fakeEntitlements({ features: { [FEATURES.voiceTts]: true } });
    expect(await maySpeakReplies(premiumUser.entitlements, 'pat')).toBe(true);
  });
});
