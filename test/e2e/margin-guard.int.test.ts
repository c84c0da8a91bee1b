import type { AddressInfo } from 'node:net';
import { LIMITS } from '@hark/contracts';
import { fixedClock, keySpace, loadConfig } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { budgetGuardKeys, interactionKeys } from '@hark/interactions';
import {
  connectTestRedis,
  grantProjection,
  type OpenAiStandIn,
  startOpenAiStandIn,
  type TestRedis,
  testPlans,
  testRedisEnv,
  writeTestPlans,
} from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConversationService } from '../../services/conversation/src/app.js';
import { buildRouter } from '../../services/router/src/app.js';

// Issue 22: a premium user who talks all month costs at most the plan's LLM budget. The router,
// the conversation service and the OpenAI stand-in run in one process on one clock, with a price
// table that makes a budget of 0.10 USD reachable in a couple of dozen turns.
const PRICES = { 'gpt-4o': { input: 20, output: 80 }, 'gpt-4o-mini': { input: 2, output: 8 } };
const BUDGET = 100_000;
const clock = fixedClock('2026-11-26T09:30:00.000Z');

let standIn: OpenAiStandIn;
let testRedis: TestRedis;
let conversation: FastifyInstance;
let router: FastifyInstance;

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  testRedis = await connectTestRedis('margin-guard');
  const env = {
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    NODE_ENV: 'test',
    INTERNAL_TOKEN: 'e2e-internal-token-123',
    LLM_BASE_URL: standIn.url,
    LLM_API_KEY: 'sk-stand-in',
    LLM_MAX_RETRIES: '0',
    LLM_MODEL: 'gpt-4o',
    LLM_FALLBACK_MODELS: 'gpt-4o-mini',
    LLM_PRICES: JSON.stringify(PRICES),
    LLM_MAX_OUTPUT_TOKENS: '100',
  };
  conversation = await buildConversationService({
    config: loadConfig(env),
    redis: testRedis.redis,
    logger: false,
    clock,
  });
  await conversation.listen({ host: '127.0.0.1', port: 0 });
  const conversationUrl = `http://127.0.0.1:${(conversation.server.address() as AddressInfo).port}`;
  router = await buildRouter({
    config: loadConfig({ ...env, CONVERSATION_URL: conversationUrl }),
    redis: testRedis.redis,
    logger: false,
    clock,
  });
  await router.ready();
  const premium = {
    ...testPlans.premium,
    limits: { ...testPlans.premium.limits, [LIMITS.conversationLlmBudgetMicroUsd]: BUDGET },
  };
  const free = {
    ...testPlans.free,
    limits: { ...testPlans.free.limits, [LIMITS.conversationLlmBudgetMicroUsd]: 0 },
  };
  await writeTestPlans(testRedis.redis, entitlementKeys(router.keys).plans(), [free, premium]);
});

afterAll(async () => {
  await router?.close();
  await conversation?.close();
  await standIn?.close();
  await testRedis?.cleanup();
});

async function userWithKey(id: string, plan?: string): Promise<string> {
  await router.users.createUser({ id, timezone: 'Europe/Paris' });
  if (plan)
    await testRedis.redis.set(
      entitlementKeys(router.keys).entitlement(id),
      JSON.stringify(grantProjection(id, plan)),
    );
  return (await router.users.addApiKey(id)).key;
}

async function converse(key: string, text: string) {
  const response = await router.inject({
    method: 'POST',
    url: '/v1/converse',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: { text, locale: 'en-GB' },
  });
  return { status: response.statusCode, body: response.json() };
}

const turnsUsed = async (userId: string, quota: string) => {
  const usage = await router.entitlements.usage(userId, quota);
  return usage.limit - usage.remaining;
};

describe('the margin guard through the router', () => {
  it('steps a premium user down, then pauses with a spoken date; skills still answer; the month resets it', async () => {
    const key = await userWithKey('pam', 'premium');
    let paused: Record<string, unknown> | undefined;
    let answered = 0;
    for (let n = 0; n < 200 && !paused; n++) {
      const { status, body } = await converse(key, 'Tell me something nice about penguins.');
      expect(status).toBe(200);
      if (body.handledBy === 'llm') answered++;
      else paused = body;
    }
    const models = standIn.requests.map((request) => request.model);
    expect(models[0]).toBe('gpt-4o');
    expect(models.at(-1)).toBe('gpt-4o-mini');
    expect(models.lastIndexOf('gpt-4o')).toBeLessThan(models.indexOf('gpt-4o-mini'));

    // An answer, not an error: when conversation comes back, in words; no upsell to a paying user.
    expect(paused).toMatchObject({
      handledBy: 'fallback',
      reply: {
        text: "You've used this month's conversation allowance; it comes back on 1 December. Timers, alarms, lists and the other skills still work.",
      },
      data: { budget: { code: 'HARK_ERR_LLM_BUDGET_REACHED', step: 'paused', resumesOn: '2026-12-01' } },
    });
    expect(paused?.upsell).toBeUndefined();
    // The paused turn was not counted against the day's turns.
    expect(await turnsUsed('pam', LIMITS.conversationTurnsPerDay)).toBe(answered);

    // Never more than the budget, as the usage meter adds up what the stand-in billed.
    const month = '2026-11';
    const usageKey = interactionKeys(keySpace(testRedis.prefix)).llmUsage('pam', month);
    for (let wait = 0; wait < 100; wait++) {
      if (Number(await testRedis.redis.hget(usageKey, 'turns')) >= answered) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Number(await testRedis.redis.hget(usageKey, 'costMicroUsd'))).toBeLessThanOrEqual(BUDGET);

    // Free skills never stop.
    const timer = await converse(key, 'set a timer for 5 minutes');
    expect(timer.body.handledBy).toBe('skill');

    // Operators see pam once among premium's stepped-down and paused users of the month.
    const guard = budgetGuardKeys(keySpace(testRedis.prefix));
    expect(await testRedis.redis.pfcount(guard.budgetSteppedDown('premium', month))).toBe(1);
    expect(await testRedis.redis.pfcount(guard.budgetPaused('premium', month))).toBe(1);

    // December: the plan's model again.
    clock.set('2026-12-01T08:00:00.000Z');
    const december = await converse(key, 'Tell me something nice about penguins.');
    expect(december.body.handledBy).toBe('llm');
    expect(standIn.requests.at(-1)?.model).toBe('gpt-4o');
    clock.set('2026-11-26T09:30:00.000Z');
  });

  it('spends no free trial turn on a pause (a plan whose budget is 0)', async () => {
    const key = await userWithKey('tom');
    const asked = standIn.requests.length;
    const { status, body } = await converse(key, 'Tell me something nice about penguins.');
    expect(status).toBe(200);
    expect(body.data.budget).toMatchObject({ step: 'paused' });
    expect(body.upsell).toBeUndefined();
    expect(await turnsUsed('tom', LIMITS.conversationTrialTurnsPerMonth)).toBe(0);
    expect(standIn.requests.length).toBe(asked);
  });
});
