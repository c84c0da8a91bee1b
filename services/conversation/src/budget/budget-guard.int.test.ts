import { FEATURES, utcMonth } from '@hark/contracts';
import { keySpace } from '@hark/core';
import { budgetGuardKeys } from '@hark/interactions';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestConversation,
  TEST_NOW,
  type TestConversation,
  turnBody,
  turnHeaders,
} from '../testing/test-conversation.js';

// Prices that make a budget of 1 USD reachable in a few dozen turns: USD per 1M tokens is
// micro-USD per token, so a gpt-4o call of ~2 000 prompt tokens costs ~40 000 micro-USD here.
const PRICES = { 'gpt-4o': { input: 20, output: 80 }, 'gpt-4o-mini': { input: 2, output: 8 } };
const BUDGET = 1_000_000;

let service: TestConversation;
beforeEach(async () => {
  service ??= await startTestConversation({
    LLM_MODEL: 'gpt-4o',
    LLM_FALLBACK_MODELS: 'gpt-4o-mini',
    LLM_PRICES: JSON.stringify(PRICES),
    LLM_MAX_OUTPUT_TOKENS: '100',
    LLM_BUDGET_STEP_DOWN_SHARE: '0.8',
  });
  service.standIn.reset();
  service.clock.set(TEST_NOW);
});
afterAll(() => service?.close());

const guardKeys = () => budgetGuardKeys(keySpace(service.testRedis.prefix));
const plan = (budget: number) => ({
  id: 'premium',
  features: { [FEATURES.conversation]: true },
  llmBudgetMicroUsd: budget,
});

async function turn(userId: string, budget: number, text = 'Tell me something nice.') {
  const body = turnBody({ userId, sessionId: `s-${userId}`, text, plan: plan(budget) });
  const response = await service.app.inject({
    method: 'POST',
    url: '/internal/turns',
    headers: turnHeaders(body),
    payload: body,
  });
  return { status: response.statusCode, body: response.json() };
}

/** What the user really cost this month: what the stand-in billed, as the usage meter adds it up. */
const meteredCost = async (userId: string, month: string) =>
  Number((await service.testRedis.redis.hget(service.keys.llmUsage(userId, month), 'costMicroUsd')) ?? 0);
const ledgerSpent = async (userId: string, month: string) =>
  Number((await service.testRedis.redis.hget(guardKeys().budgetLedger(userId, month), 'spent')) ?? 0);

async function settledMetering(userId: string, month: string, turns: number): Promise<void> {
  for (let wait = 0; wait < 100; wait++) {
    const counted = await service.testRedis.redis.hget(service.keys.llmUsage(userId, month), 'turns');
    if (Number(counted ?? 0) >= turns) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the margin guard (a monthly LLM budget per user)', () => {
  it('steps down to the cheaper model, then pauses at the budget, and the next month resets it', async () => {
    const models: string[] = [];
    let answered = 0;
    let paused: { status: number; body: Record<string, unknown> } | undefined;
    for (let n = 0; n < 300 && !paused; n++) {
      const before = service.standIn.requests.length;
      const result = await turn('ada', BUDGET);
      if (result.status === 200) {
        answered++;
        models.push(...service.standIn.requests.slice(before).map((request) => request.model));
      } else paused = result;
    }
    const month = utcMonth(new Date(TEST_NOW));
    // The plan's model first, then only the cheaper one once 80% was spent; never back.
    const firstCheap = models.indexOf('gpt-4o-mini');
    expect(firstCheap).toBeGreaterThan(0);
    expect(models.slice(0, firstCheap).every((model) => model === 'gpt-4o')).toBe(true);
    expect(models.slice(firstCheap).every((model) => model === 'gpt-4o-mini')).toBe(true);
    expect(firstCheap).toBeGreaterThan(5);
    expect(models.length - firstCheap).toBeGreaterThan(5);
    expect(answered).toBeLessThan(150);

    expect(paused?.status).toBe(429);
    expect(paused?.body).toMatchObject({
      error: { code: 'HARK_ERR_LLM_BUDGET_REACHED', details: { resumesOn: '2026-12-01' } },
    });
    // A paused turn never reaches the model.
    const asked = service.standIn.requests.length;
    expect((await turn('ada', BUDGET)).status).toBe(429);
    expect(service.standIn.requests.length).toBe(asked);

    await settledMetering('ada', month, answered);
    const cost = await meteredCost('ada', month);
    expect(cost).toBeLessThanOrEqual(BUDGET);
    expect(cost).toBeGreaterThan(0.9 * BUDGET);
    expect(await ledgerSpent('ada', month)).toBe(cost);

    // Operators: ada is counted once among premium's stepped-down and paused users of the month.
    const redis = service.testRedis.redis;
    expect(await redis.pfcount(guardKeys().budgetSteppedDown('premium', month))).toBe(1);
    expect(await redis.pfcount(guardKeys().budgetPaused('premium', month))).toBe(1);

    // A new UTC month: the plan's model again.
    service.clock.set('2026-12-01T00:00:01.000Z');
    const next = await turn('ada', BUDGET);
    expect(next.status).toBe(200);
    expect(service.standIn.requests.at(-1)?.model).toBe('gpt-4o');
  });

  it('never commits more than the budget to turns sent at the same time', async () => {
    const budget = 100_000;
    const results = await Promise.all(Array.from({ length: 24 }, () => turn('ben', budget)));
    const month = utcMonth(new Date(TEST_NOW));
    const answered = results.filter((result) => result.status === 200).length;
    expect(answered).toBeGreaterThan(0);
    expect(results.filter((result) => result.status === 429).length).toBeGreaterThan(0);
    await settledMetering('ben', month, answered);
    expect(await meteredCost('ben', month)).toBeLessThanOrEqual(budget);
    // Every hold was settled: nothing in flight is left counting against the month.
    expect(await service.testRedis.redis.zcard(guardKeys().budgetReservations('ben', month))).toBe(0);
  });

  it('runs a turn whose plan carries no budget (a router from before the guard) unguarded', async () => {
    const body = turnBody({ userId: 'cy', sessionId: 's-cy' });
    const response = await service.app.inject({
      method: 'POST',
      url: '/internal/turns',
      headers: turnHeaders(body),
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(
      await service.testRedis.redis.exists(guardKeys().budgetLedger('cy', utcMonth(new Date(TEST_NOW)))),
    ).toBe(0);
  });

  it('pauses at once on a budget of 0, without calling the model', async () => {
    expect((await turn('dee', 0)).status).toBe(429);
    expect(service.standIn.requests).toHaveLength(0);
  });
});
