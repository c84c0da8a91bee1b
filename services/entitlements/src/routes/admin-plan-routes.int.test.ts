import type { AuditEntry, Plan } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer,
  operator,
  PREMIUM_PRICE,
  startTestEntitlements,
  type TestEntitlements,
} from '../testing/test-entitlements.js';

let env: TestEntitlements;
let listener: RedisClient;
let messages: unknown[];

beforeEach(async () => {
  env = await startTestEntitlements({ stripe: false, env: { STRIPE_PRICE_PREMIUM: PREMIUM_PRICE } });
  listener = env.testRedis.redis.duplicate();
  messages = [];
  await listener.subscribe(env.keys.entitlementsChannel());
  listener.on('message', (_channel, message) => messages.push(JSON.parse(message)));
});
afterEach(async () => {
  listener.disconnect();
  await env.close();
});

const family: Plan = {
  id: 'family',
  name: 'Family',
  enabled: true,
  price: { stripePriceId: 'price_family', amount: 900, currency: 'usd', interval: 'month' },
  features: { conversation: true, 'voice.stt': true, 'voice.tts': false },
  limits: {
    'timers.max_active': 100,
    'conversation.turns_per_day': 400,
    'conversation.trial_turns_per_month': 0,
    'weather.forecast_days': 7,
    'conversation.llm_budget_micro_usd': 3_600_000,
  },
};

const get = (url: string) => env.app.inject({ method: 'GET', url, headers: operator() });
const eventually = async (check: () => void) => {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return check();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  check();
};

describe('plans', () => {
  it('seeds free and premium from infra/plans.json, with the premium price from the environment', async () => {
    const response = await get('/admin/plans');
    expect(response.statusCode).toBe(200);
    const plans = response.json().plans as Plan[];
    expect(plans.map((plan) => plan.id)).toEqual(['free', 'premium']);
    const [free, premium] = plans;
    expect(free).toMatchObject({ price: null, features: { conversation: false, 'voice.stt': false } });
    expect(free?.limits).toMatchObject({ 'timers.max_active': 10, 'conversation.trial_turns_per_month': 5 });
    expect(premium).toMatchObject({
      price: { stripePriceId: PREMIUM_PRICE, amount: 500, currency: 'usd', interval: 'month' },
      features: { conversation: true, 'voice.stt': true, 'voice.tts': true },
      limits: { 'conversation.turns_per_day': 200, 'timers.max_active': 50, 'weather.forecast_days': 7 },
    });
  });

  it('needs the operator token', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/admin/plans' })).statusCode).toBe(401);
    const userKey = await env.userWithKey('alice');
    const asUser = await env.app.inject({ method: 'GET', url: '/admin/plans', headers: bearer(userKey) });
    expect(asUser.statusCode).toBe(403);
  });

  it('adds a plan without code, refusing duplicates, shared prices and silent features', async () => {
    const create = (plan: object) =>
      env.app.inject({ method: 'POST', url: '/admin/plans', headers: operator('ada'), payload: plan });
    const created = await create(family);
    expect(created.statusCode).toBe(201);
    expect((await get('/admin/plans/family')).json().plan).toEqual(family);
    // Eventually: on a Redis Cluster the message may come through another node, a moment later.
    await eventually(() => expect(messages).toContainEqual({ kind: 'plan', planId: 'family' }));

    expect((await create(family)).json().error.code).toBe('HARK_ERR_CONFLICT');
    const samePrice = await create({
      ...family,
      id: 'family2',
      price: { ...family.price, stripePriceId: PREMIUM_PRICE },
    });
    expect(samePrice.statusCode).toBe(409);
    expect(samePrice.json().error.code).toBe('HARK_ERR_PRICE_ALREADY_USED');

    const { 'voice.tts': _omitted, ...someFeatures } = family.features;
    const silent = await create({ ...family, id: 'partial', features: someFeatures });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().error.details).toContainEqual(
      expect.objectContaining({ field: 'body.features.voice.tts' }),
    );
    expect((await create({ ...family, id: 'Bad Id' })).json().error.code).toBe('HARK_ERR_VALIDATION');
  });

  it('edits a plan for every user on it at once: the projection stays, /v1/me changes', async () => {
    const key = await env.userWithKey('bob');
    const grant = await env.app.inject({
      method: 'PUT',
      url: '/admin/users/bob/grant',
      headers: operator(),
      payload: { plan: 'premium', reason: 'beta tester' },
    });
    expect(grant.statusCode).toBe(200);
    const projectionBefore = await env.testRedis.redis.get(env.keys.entitlement('bob'));
    const me = () => env.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) });
    expect((await me()).json().limits['conversation.turns_per_day']).toBe(200);

    const patch = await env.app.inject({
      method: 'PATCH',
      url: '/admin/plans/premium',
      headers: operator('ada'),
      payload: {
        limits: { 'conversation.turns_per_day': 300, 'music.minutes_per_day': 60 },
        features: { 'voice.tts': null },
      },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().plan.limits).toMatchObject({
      'conversation.turns_per_day': 300,
      'music.minutes_per_day': 60,
    });
    expect(await env.testRedis.redis.get(env.keys.entitlement('bob'))).toBe(projectionBefore);
    const after = (await me()).json();
    expect(after.limits).toMatchObject({ 'conversation.turns_per_day': 300, 'music.minutes_per_day': 60 });
    expect(after.features['voice.tts']).toBe(false);
    await eventually(() => expect(messages).toContainEqual({ kind: 'plan', planId: 'premium' }));
  });

  it('validates edits: unknown plan, empty patch, negative limit', async () => {
    const patch = (url: string, payload: object) =>
      env.app.inject({ method: 'PATCH', url, headers: operator(), payload });
    expect((await patch('/admin/plans/gold', { enabled: false })).statusCode).toBe(404);
    expect((await patch('/admin/plans/premium', {})).json().error.code).toBe('HARK_ERR_VALIDATION');
    const negative = await patch('/admin/plans/premium', { limits: { 'timers.max_active': -1 } });
    expect(negative.statusCode).toBe(400);
  });
});

describe('kill switches', () => {
  it('turns a feature off for everyone whatever their plan, and back on', async () => {
    const key = await env.userWithKey('carol');
    await env.app.inject({
      method: 'PUT',
      url: '/admin/users/carol/grant',
      headers: operator(),
      payload: { plan: 'premium', reason: 'support' },
    });
    const features = async () =>
      (await env.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) })).json().features;
    expect((await features()).conversation).toBe(true);

    const off = await env.app.inject({
      method: 'PUT',
      url: '/admin/kill-switches/conversation',
      headers: operator('oncall'),
      payload: { enabled: false },
    });
    expect(off.json()).toEqual({ feature: 'conversation', enabled: false, switchedOff: ['conversation'] });
    expect(await features()).toMatchObject({ conversation: false, 'voice.stt': true });
    expect((await get('/admin/kill-switches')).json()).toEqual({ switchedOff: ['conversation'] });
    await eventually(() => expect(messages).toContainEqual({ kind: 'kill-switch', feature: 'conversation' }));

    await env.app.inject({
      method: 'PUT',
      url: '/admin/kill-switches/conversation',
      headers: operator('oncall'),
      payload: { enabled: true },
    });
    expect((await features()).conversation).toBe(true);
    const bad = await env.app.inject({
      method: 'PUT',
      url: '/admin/kill-switches/Conversation!',
      headers: operator(),
      payload: { enabled: false },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('audit log', () => {
  it('records who, what, before, after and when, newest first, a page at a time', async () => {
    await env.userWithKey('dave');
    const put = (enabled: boolean, name?: string) =>
      env.app.inject({
        method: 'PUT',
        url: '/admin/kill-switches/voice.tts',
        headers: operator(name),
        payload: { enabled },
      });
    await put(false, 'ada');
    await env.app.inject({
      method: 'PATCH',
      url: '/admin/plans/free',
      headers: { ...operator('grace'), 'x-request-id': 'req-audit-1' },
      payload: { limits: { 'timers.max_active': 12 } },
    });
    await put(true);

    const first = (await get('/admin/audit?limit=2')).json();
    expect(first.entries.map((entry: AuditEntry) => entry.action)).toEqual([
      'kill-switch.set',
      'plan.update',
    ]);
    const [reenabled, planEdit] = first.entries as AuditEntry[];
    expect(reenabled).toMatchObject({
      // Who acted comes from the token (the bootstrap operator here); no x-operator, no note.
      actor: { kind: 'operator', id: 'bootstrap', name: 'bootstrap', role: 'owner' },
      note: null,
      before: { enabled: false },
      after: { enabled: true },
    });
    expect(planEdit).toMatchObject({
      actor: { kind: 'operator', name: 'bootstrap', requestId: 'req-audit-1' },
      note: 'grace',
      target: 'plan:free',
      before: { limits: { 'timers.max_active': 10 } },
      after: { limits: { 'timers.max_active': 12 } },
    });
    expect(Date.parse(planEdit!.at)).toBeGreaterThan(Date.now() - 60_000);

    const second = (await get(`/admin/audit?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.entries.map((entry: AuditEntry) => [entry.action, entry.note])).toEqual([
      ['kill-switch.set', 'ada'],
      ['plan.seed', null],
    ]);
    const rest = (await get(`/admin/audit?limit=50&cursor=${second.nextCursor}`)).json();
    expect(rest.entries.map((entry: AuditEntry) => entry.action)).toEqual(['plan.seed']);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses a malformed operator name or cursor', async () => {
    const badName = await env.app.inject({
      method: 'PUT',
      url: '/admin/kill-switches/conversation',
      headers: operator('<script>'),
      payload: { enabled: false },
    });
    expect(badName.statusCode).toBe(400);
    expect((await get('/admin/audit?cursor=yesterday')).statusCode).toBe(400);
  });
});
