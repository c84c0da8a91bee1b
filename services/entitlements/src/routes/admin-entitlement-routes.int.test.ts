import { type Clock, fixedClock } from '@hark/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer,
  operator,
  startTestEntitlements,
  type TestEntitlements,
} from '../testing/test-entitlements.js';

let env: TestEntitlements;
let clock: Clock & { advance(ms: number): void };
let key: string;

const HOUR = 3_600_000;

beforeEach(async () => {
  clock = fixedClock(new Date());
  env = await startTestEntitlements({ stripe: false, clock });
  key = await env.userWithKey('erin');
});
afterEach(() => env.close());

const me = async () => (await env.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) })).json();
const explain = async (userId = 'erin') =>
  env.app.inject({ method: 'GET', url: `/admin/users/${userId}/entitlements`, headers: operator() });
const grant = (payload: object, userId = 'erin') =>
  env.app.inject({ method: 'PUT', url: `/admin/users/${userId}/grant`, headers: operator('sam'), payload });

describe('GET /v1/me', () => {
  it('answers the free plan for a user nobody touched, with usage from the client counters and the LLM meter', async () => {
    const now = clock.now().toISOString();
    const redis = env.testRedis.redis;
    await redis.hset(env.keys.llmUsage('erin', now.slice(0, 7)), {
      promptTokens: 900,
      completionTokens: 100,
      costMicroUsd: 2_500,
      turns: 3,
    });
    await redis.set(env.keys.usage('erin', 'conversation.turns_per_day', now.slice(0, 10)), '2');
    await redis.set(env.keys.usage('erin', 'conversation.trial_turns_per_month', now.slice(0, 7)), '4');
    expect(await me()).toEqual({
      user: { id: 'erin' },
      plan: { id: 'free', name: 'Free' },
      features: { conversation: false, 'voice.stt': false, 'voice.tts': false },
      limits: {
        'timers.max_active': 10,
        'conversation.trial_turns_per_month': 5,
        'conversation.turns_per_day': 0,
        'weather.forecast_days': 3,
        'conversation.llm_budget_micro_usd': 50_000,
      },
      usage: {
        'conversation.turns_per_day': 2,
        'conversation.trial_turns_per_month': 4,
        'llm.today.turns': 0,
        'llm.today.tokens': 0,
        'llm.today.cost_usd': 0,
        'llm.this_month.turns': 3,
        'llm.this_month.tokens': 1_000,
        'llm.this_month.cost_usd': 0.0025,
      },
      subscription: null,
    });
  });

  it('needs an API key', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
  });
});

describe('grants', () => {
  it('applies a grant until it expires, then the default plan again, without any write', async () => {
    const expiresAt = new Date(clock.now().getTime() + HOUR).toISOString();
    const granted = await grant({ plan: 'premium', expiresAt, reason: 'refund for an outage' });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({
      grant: { planId: 'premium', expiresAt, reason: 'refund for an outage', grantedBy: 'bootstrap' },
      effective: { planId: 'premium', source: 'grant', validUntil: expiresAt },
    });
    expect((await me()).plan).toEqual({ id: 'premium', name: 'Premium' });

    const written = await env.testRedis.redis.get(env.keys.entitlement('erin'));
    clock.advance(2 * HOUR);
    expect((await me()).plan.id).toBe('free');
    expect(await env.testRedis.redis.get(env.keys.entitlement('erin'))).toBe(written);
    const why = (await explain()).json();
    expect(why.grant).toMatchObject({ planId: 'premium', inForce: false });
    expect(why.effective).toMatchObject({ planId: 'free', source: 'default' });
    expect(why.effective.reason).toContain(`grant of premium expired at ${expiresAt}`);
  });

  it('keeps a grant without expiry until revoked, and records both in the audit log', async () => {
    await grant({ plan: 'premium', reason: 'comp account' });
    clock.advance(365 * 24 * HOUR);
    expect((await me()).plan.id).toBe('premium');
    const revoked = await env.app.inject({
      method: 'DELETE',
      url: '/admin/users/erin/grant',
      headers: operator('sam'),
    });
    expect(revoked.json()).toMatchObject({ grant: null, effective: { planId: 'free' } });
    expect((await me()).plan.id).toBe('free');
    const again = await env.app.inject({
      method: 'DELETE',
      url: '/admin/users/erin/grant',
      headers: operator(),
    });
    expect(again.statusCode).toBe(404);

    const audit = (
      await env.app.inject({ method: 'GET', url: '/admin/audit?limit=2', headers: operator() })
    ).json();
    expect(audit.entries).toMatchObject([
      { action: 'grant.delete', target: 'user:erin', before: { planId: 'premium' }, after: null },
      {
        action: 'grant.put',
        target: 'user:erin',
        before: null,
        after: { planId: 'premium', reason: 'comp account' },
      },
    ]);
  });

  it('refuses unknown users and plans, past expiries and missing reasons', async () => {
    expect((await grant({ plan: 'premium', reason: 'x' }, 'nobody')).statusCode).toBe(404);
    expect((await grant({ plan: 'platinum', reason: 'x' })).json().error.message).toContain('Plan platinum');
    const past = await grant({
      plan: 'premium',
      reason: 'x',
      expiresAt: new Date(clock.now().getTime() - HOUR).toISOString(),
    });
    expect(past.json().error.code).toBe('HARK_ERR_INVALID_TIME');
    expect((await grant({ plan: 'premium', reason: '  ' })).json().error.code).toBe('HARK_ERR_VALIDATION');
    expect((await grant({ plan: 'premium', reason: 'x', expiresAt: 'next week' })).statusCode).toBe(400);
  });

  it('explains a user: effective plan and every input, 404 for a user that does not exist', async () => {
    await grant({ plan: 'premium', reason: 'support ticket 42' });
    await env.app.inject({
      method: 'PUT',
      url: '/admin/kill-switches/voice.stt',
      headers: operator(),
      payload: { enabled: false },
    });
    const why = (await explain()).json();
    expect(why).toMatchObject({
      userId: 'erin',
      effective: {
        planId: 'premium',
        source: 'grant',
        features: { conversation: true, 'voice.stt': false, 'voice.tts': true },
        switchedOff: ['voice.stt'],
      },
      grant: { planId: 'premium', inForce: true, reason: 'support ticket 42' },
      subscription: null,
      stripeCustomerId: null,
      projection: { userId: 'erin', planId: 'premium', source: 'grant' },
    });
    expect(why.effective.reason).toContain('support ticket 42');
    expect((await explain('ghost')).statusCode).toBe(404);
  });
});
