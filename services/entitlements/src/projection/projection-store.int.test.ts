import type { EntitlementProjection } from '@hark/contracts';
import { fixedClock, keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyProjection, type ProjectionObserver, ProjectionStore } from './projection-store.js';

// The insights learn of plan changes from the projection's writes: a failing observer must neither
// fail the write (a grant, a Stripe sync) nor keep the next observer from hearing of it.
let testRedis: TestRedis;
const clock = fixedClock('2026-06-01T09:00:00Z');

beforeEach(async () => {
  testRedis = await connectTestRedis('projection-store');
});
afterEach(() => testRedis.cleanup());

type Heard = { userId: string; before: string | null; after: string };

function listener(heard: Heard[]): ProjectionObserver {
  return {
    records: 'a test point',
    async projectionWritten(userId, before, after) {
      heard.push({ userId, before: before?.planId ?? null, after: after.planId });
    },
  };
}

const failing: ProjectionObserver = {
  records: 'an upgrade',
  async projectionWritten() {
    throw new Error('insights Redis is down');
  },
};

const premium = (current: EntitlementProjection | null): EntitlementProjection => ({
  ...(current ?? emptyProjection('ada', clock.now())),
  grant: { planId: 'premium', grantedBy: 'test', reason: 'support case', expiresAt: null },
});

describe('the projection store', () => {
  it('tells every observer of a write, in spite of one that fails, and logs the failure', async () => {
    const heard: Heard[] = [];
    const warnings: { context: Record<string, unknown>; message: string }[] = [];
    const keys = entitlementKeys(keySpace(testRedis.prefix));
    const store = new ProjectionStore(
      testRedis.redis,
      keys,
      clock,
      [failing, listener(heard)],
      (context, message) => warnings.push({ context, message }),
    );

    const update = await store.update('ada', premium);

    expect(update.changed).toBe(true);
    expect((await store.read('ada'))?.planId).toBe('premium');
    expect(heard).toEqual([{ userId: 'ada', before: null, after: 'premium' }]);
    expect(warnings).toEqual([
      {
        context: expect.objectContaining({ userId: 'ada' }),
        message: 'could not record an upgrade for insights',
      },
    ]);
  });

  it('tells no one when nothing changed', async () => {
    const heard: Heard[] = [];
    const keys = entitlementKeys(keySpace(testRedis.prefix));
    const store = new ProjectionStore(testRedis.redis, keys, clock, [listener(heard)]);
    const update = await store.update('bea', () => null);
    expect(update.changed).toBe(false);
    expect(heard).toEqual([]);
  });
});
