import type { EntitlementProjection, Plan } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { grantProjection, testPlans } from '@hark/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { EntitlementReader } from './entitlement-reader.js';
import type { EntitlementSource } from './entitlement-source.js';

/** An in-memory source that counts reads, so the tests see what the cache saved. */
function fakeSource() {
  const state = {
    projections: new Map<string, EntitlementProjection>(),
    plans: new Map<string, Plan>(
      Object.values(testPlans).map((plan) => [plan.id, structuredClone(plan) as Plan]),
    ),
    switches: new Set<string>(),
    reads: { projection: 0, plans: 0, switches: 0 },
  };
  const source: EntitlementSource = {
    projection: async (userId) => {
      state.reads.projection++;
      return state.projections.get(userId) ?? null;
    },
    plans: async () => {
      state.reads.plans++;
      return new Map(state.plans);
    },
    killSwitches: async () => {
      state.reads.switches++;
      return new Set(state.switches);
    },
  };
  return { state, source };
}

const clock = fixedClock('2026-11-26T12:00:00Z');
let fake: ReturnType<typeof fakeSource>;
let reader: EntitlementReader;

beforeEach(() => {
  fake = fakeSource();
  reader = new EntitlementReader({ source: fake.source, clock, cacheTtlMs: 30_000, maxCachedUsers: 1000 });
  reader.setCaching(true);
});

const planOf = async (userId: string) => (await reader.entitlements(userId)).planId;

describe('EntitlementReader cache', () => {
  it('reads Redis once per user, then answers from memory', async () => {
    await planOf('ada');
    await planOf('ada');
    await planOf('bob');
    expect(fake.state.reads).toEqual({ projection: 2, plans: 1, switches: 1 });
  });

  it('reads again after the TTL even without a change message', async () => {
    await planOf('ada');
    fake.state.projections.set('ada', grantProjection('ada', 'premium'));
    clock.advance(29_000);
    expect(await planOf('ada')).toBe('free');
    clock.advance(1_000);
    expect(await planOf('ada')).toBe('premium');
  });

  it('drops one user on a user change', async () => {
    await planOf('ada');
    await planOf('bob');
    fake.state.projections.set('ada', grantProjection('ada', 'premium'));
    reader.apply({ kind: 'user', userId: 'ada' });
    expect(await planOf('ada')).toBe('premium');
    await planOf('bob');
    expect(fake.state.reads.projection).toBe(3);
    expect(fake.state.reads.plans).toBe(1);
  });

  it('drops every user and the plans on a plan change', async () => {
    expect((await reader.entitlements('ada')).limits['timers.max_active']).toBe(10);
    fake.state.plans.set('free', { ...fake.state.plans.get('free')!, limits: { 'timers.max_active': 12 } });
    reader.apply({ kind: 'plan', planId: 'free' });
    expect((await reader.entitlements('ada')).limits['timers.max_active']).toBe(12);
    expect(fake.state.reads.plans).toBe(2);
  });

  it('drops every user and the switches on a kill switch', async () => {
    fake.state.projections.set('ada', grantProjection('ada', 'premium'));
    expect((await reader.entitlements('ada')).features.conversation).toBe(true);
    fake.state.switches.add('conversation');
    reader.apply({ kind: 'kill-switch', feature: 'conversation' });
    expect((await reader.entitlements('ada')).features.conversation).toBe(false);
  });

  it('expires a cached grant when the grant does', async () => {
    const expiresAt = new Date(clock.now().getTime() + 10_000).toISOString();
    fake.state.projections.set('ada', grantProjection('ada', 'premium', expiresAt));
    expect(await planOf('ada')).toBe('premium');
    clock.advance(10_000);
    expect(await planOf('ada')).toBe('free');
  });

  it('reads Redis every time while caching is off (no live change subscription)', async () => {
    reader.setCaching(false);
    await planOf('ada');
    await planOf('ada');
    expect(fake.state.reads).toEqual({ projection: 2, plans: 2, switches: 2 });
  });
});
