import {
  type ConversationTurnRequest,
  type ConversationTurnResult,
  LIMITS,
  readSseFrames,
} from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { grantProjection, testPlans, writeTestPlans } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConversationClient,
  ConversationFailure,
  type TurnGrant,
} from '../conversation/conversation-client.js';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// A conversation service stand-in at the client seam: the service itself is tested in services/conversation.
const calls: ConversationTurnRequest[] = [];
const grants: TurnGrant[] = [];
let behaviour: 'answer' | 'fail' = 'answer';
const answer: ConversationTurnResult = {
  reply: {
    text: 'Quicksort runs in O(n log n) on average.',
    speech: 'Quicksort runs in n log n time on average.',
  },
  usage: { promptTokens: 120, completionTokens: 12, totalTokens: 132 },
  costUsd: 0.000025,
  model: 'stand-in-model',
  latencyMs: 42,
  tools: [],
};
const conversation: ConversationClient = {
  async turn(request, onEvent, _signal, grant) {
    calls.push(request);
    grants.push(grant);
    if (behaviour === 'fail') throw new ConversationFailure('HARK_ERR_LLM_UNAVAILABLE', 'upstream said 500');
    for (const word of answer.reply.text.split(' ')) onEvent({ event: 'delta', data: { text: `${word} ` } });
    return answer;
  },
};

const clock = fixedClock('2026-11-26T13:05:00Z');
const TRIAL = LIMITS.conversationTrialTurnsPerMonth;
const DAILY = LIMITS.conversationTurnsPerDay;
const question = { text: "what's the time complexity of quicksort" };
let router: TestRouter;

beforeAll(async () => {
  router = await startTestRouter({}, { clock, conversation });
  await writeTestPlans(router.testRedis.redis, router.keys.plans());
});
afterAll(() => router.close());

const redis = () => router.testRedis.redis;
const keys = () => router.keys;
const converse = async (key: string, headers: Record<string, string> = {}) =>
  router.app.inject({
    method: 'POST',
    url: '/v1/converse',
    headers: { ...bearer(key), ...headers },
    payload: question,
  });

async function premiumUser(id: string): Promise<string> {
  const key = await router.userWithKey(id);
  await redis().set(keys().entitlement(id), JSON.stringify(grantProjection(id, 'premium')));
  router.app.entitlements.invalidate({ kind: 'user', userId: id });
  return key;
}

describe('the premium path of /v1/converse', () => {
  it('answers a premium user through the conversation service and takes one daily turn', async () => {
    behaviour = 'answer';
    const key = await premiumUser('pat');
    const body = (await converse(key)).json();
    expect(body).toMatchObject({
      handledBy: 'llm',
      intent: null,
      reply: answer.reply,
      data: { model: 'stand-in-model', costUsd: answer.costUsd },
    });
    expect(calls.at(-1)).toMatchObject({
      userId: 'pat',
      sessionId: body.sessionId,
      newSession: true,
      text: question.text,
      plan: { id: 'premium' },
    });
    // What the conversation service will believe: the signed grant of the gate's decision.
    expect(grants.at(-1)).toMatchObject({
      plan: { id: 'premium' },
      access: 'plan',
      quota: DAILY,
      period: '2026-11-26',
    });
    expect(await redis().get(keys().usage('pat', DAILY, '2026-11-26'))).toBe('1');
    // The next turn names the session: its memory must be read.
    await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(key),
      payload: { ...question, sessionId: body.sessionId },
    });
    expect(calls.at(-1)).toMatchObject({ sessionId: body.sessionId, newSession: false });
    // A skill the session used on the free path goes along as a hint: its tools are offered first.
    for (const text of ['set a timer for 5 minutes', question.text]) {
      await router.app.inject({
        method: 'POST',
        url: '/v1/converse',
        headers: bearer(key),
        payload: { ...question, text, sessionId: body.sessionId },
      });
    }
    expect(calls.at(-1)).toMatchObject({ hints: { lastIntent: 'timer.start' } });
  });

  it("signs the plan's LLM budget into the grant, or the price default for a plan without the limit", async () => {
    behaviour = 'answer';
    await converse(await premiumUser('bea'));
    expect(grants.at(-1)?.plan).toMatchObject({ id: 'premium', llmBudgetMicroUsd: 2_000_000 });
    // A premium plan stored before the limit existed, at 12 USD a month: 40% of 12 000 000 micro-USD.
    const { [LIMITS.conversationLlmBudgetMicroUsd]: _budget, ...olderLimits } = testPlans.premium.limits;
    const older = {
      ...testPlans.premium,
      price: { ...testPlans.premium.price, amount: 1_200 },
      limits: olderLimits,
    };
    await writeTestPlans(redis(), keys().plans(), [older]);
    router.app.entitlements.invalidate({ kind: 'plan', planId: 'premium' });
    try {
      await converse(await premiumUser('cal'));
      expect(grants.at(-1)?.plan).toMatchObject({ id: 'premium', llmBudgetMicroUsd: 4_800_000 });
    } finally {
      await writeTestPlans(redis(), keys().plans());
      router.app.entitlements.invalidate({ kind: 'plan', planId: 'premium' });
    }
  });

  it('streams intent, deltas and done as Server-Sent Events', async () => {
    behaviour = 'answer';
    const key = await premiumUser('sam');
    const response = await converse(key, { accept: 'text/event-stream' });
    expect(response.headers['content-type']).toContain('text/event-stream');
    const frames = [];
    const body = (async function* () {
      yield new TextEncoder().encode(response.body);
    })();
    for await (const frame of readSseFrames(body)) frames.push(frame);
    expect(frames.map((f) => f.event)).toEqual([
      'intent',
      ...answer.reply.text.split(' ').map(() => 'delta'),
      'done',
    ]);
    expect(JSON.parse(frames.at(-1)!.data)).toMatchObject({ handledBy: 'llm', reply: answer.reply });
  });

  it('uses a free trial turn, and gives it back when the service fails, with a spoken reply', async () => {
    const key = await router.userWithKey('tia');
    behaviour = 'answer';
    expect((await converse(key)).json().handledBy).toBe('llm');
    expect(await redis().get(keys().usage('tia', TRIAL, '2026-11'))).toBe('1');
    expect(grants.at(-1)).toMatchObject({
      plan: { id: 'free' },
      access: 'trial',
      quota: TRIAL,
      period: '2026-11',
    });
    behaviour = 'fail';
    const failed = await converse(key);
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({
      handledBy: 'fallback',
      data: { error: 'HARK_ERR_LLM_UNAVAILABLE' },
    });
    expect(failed.json().reply.text).toMatch(/can't reach/);
    expect(await redis().get(keys().usage('tia', TRIAL, '2026-11'))).toBe('1');
  });

  it('makes zero upstream calls for a free user past the trial (upsell) or when conversation is switched off', async () => {
    behaviour = 'answer';
    const spent = await router.userWithKey('spent');
    await redis().set(keys().usage('spent', TRIAL, '2026-11'), '5');
    const before = calls.length;
    expect((await converse(spent)).json()).toMatchObject({
      handledBy: 'fallback',
      upsell: { plan: 'premium' },
    });
    const key = await premiumUser('kim');
    await redis().hset(keys().killSwitches(), 'conversation', 'off');
    router.app.entitlements.invalidate({ kind: 'kill-switch', feature: 'conversation' });
    expect((await converse(key)).json().reply.text).toMatch(/paused/);
    await redis().hdel(keys().killSwitches(), 'conversation');
    router.app.entitlements.invalidate({ kind: 'kill-switch', feature: 'conversation' });
    expect(calls.length).toBe(before);
  });

  it('says so when a premium user has used up the day', async () => {
    const key = await premiumUser('dee');
    await redis().set(keys().usage('dee', DAILY, '2026-11-26'), '200');
    const before = calls.length;
    const body = (await converse(key)).json();
    expect(body).toMatchObject({ handledBy: 'fallback', data: { quota: DAILY } });
    expect(calls.length).toBe(before);
  });

  it('never sends a confident local match to the conversation service', async () => {
    const key = await premiumUser('lou');
    const before = calls.length;
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(key),
      payload: { text: 'what time is it' },
    });
    expect(response.json().handledBy).toBe('skill');
    expect(calls.length).toBe(before);
  });
});
