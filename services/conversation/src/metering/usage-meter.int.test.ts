import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { streamTurn } from '../testing/sse-turn.js';
import {
  eventually,
  startTestConversation,
  type TestConversation,
  turnBody,
} from '../testing/test-conversation.js';

let service: TestConversation;
beforeEach(async () => {
  service ??= await startTestConversation({
    LLM_FALLBACK_MODELS: 'house-model',
    LLM_PRICES: '{"house-model": {"input": 1, "output": 2}}',
  });
  service.standIn.reset();
});
afterAll(() => service?.close());

const usageHash = (userId: string, period: string) =>
  eventually(async () => {
    const hash = await service.testRedis.redis.hgetall(service.keys.llmUsage(userId, period));
    return Object.keys(hash).length > 0 ? hash : undefined;
  });

async function interactionsOf(userId: string) {
  return eventually(async () => {
    const entries = await service.testRedis.redis.xrange(service.keys.interactions(), '-', '+');
    const mine = entries
      .map(([, fields]) =>
        Object.fromEntries(fields.flatMap((_, i) => (i % 2 === 0 ? [[fields[i], fields[i + 1]]] : []))),
      )
      .filter((fields) => fields.userId === userId);
    return mine.length > 0 ? mine : undefined;
  });
}

describe('metering', () => {
  it("takes tokens from the usage chunk, prices them, and adds them to the user's day and month", async () => {
    service.standIn.enqueue({
      kind: 'text',
      text: 'Priced.',
      usage: { promptTokens: 1_000, completionTokens: 200 },
    });
    const turn = await streamTurn(service.url, turnBody({ userId: 'ivy' }));
    // gpt-4o-mini: 1000 x $0.15/M + 200 x $0.60/M = $0.00027
    expect(turn.events.at(-1)!.data).toMatchObject({
      usage: { promptTokens: 1_000, completionTokens: 200, totalTokens: 1_200 },
      costUsd: 0.00027,
    });
    const expected = { promptTokens: '1000', completionTokens: '200', costMicroUsd: '270', turns: '1' };
    expect(await usageHash('ivy', '2026-11-26')).toEqual(expected);
    expect(await usageHash('ivy', '2026-11')).toEqual(expected);
    const ttl = await service.testRedis.redis.ttl(service.keys.llmUsage('ivy', '2026-11-26'));
    expect(ttl).toBeGreaterThan(80 * 86_400);
  });

  it('adds up every round of a turn, each priced by the model that answered it', async () => {
    service.standIn.enqueue(
      { kind: 'status', status: 500 },
      {
        kind: 'tool_calls',
        calls: [{ name: 'date_get', arguments: {} }],
        usage: { promptTokens: 100, completionTokens: 10 },
      },
      { kind: 'text', text: 'Thursday.', usage: { promptTokens: 150, completionTokens: 5 } },
    );
    const turn = await streamTurn(service.url, turnBody({ userId: 'jo' }));
    // Every round starts with the primary: round one fell back to house-model, round two did not.
    const done = turn.events.at(-1)!.data as {
      usage: { totalTokens: number };
      costUsd: number;
      model: string;
    };
    expect(done.usage.totalTokens).toBe(265);
    const models = service.standIn.requests.map((request) => request.model);
    expect(models).toEqual(['gpt-4o-mini', 'house-model', 'gpt-4o-mini']);
    // round 1 on house-model: 100 x 1 + 10 x 2 = 120; round 2 on gpt-4o-mini: 150 x 0.15 + 5 x 0.6 = 25.5
    expect(done.costUsd).toBeCloseTo(0.000146, 9);
    expect((await usageHash('jo', '2026-11')).costMicroUsd).toBe('146');
  });

  it('writes one interaction event per turn, with plan, tokens, cost and latency', async () => {
    service.standIn.enqueue({
      kind: 'text',
      text: 'Logged.',
      usage: { promptTokens: 10, completionTokens: 2 },
    });
    await streamTurn(service.url, turnBody({ userId: 'kim', sessionId: 'k-1' }));
    const [event] = await interactionsOf('kim');
    expect(event).toMatchObject({
      userId: 'kim',
      plan: 'premium',
      handledBy: 'llm',
      outcome: 'ok',
      model: 'gpt-4o-mini',
      promptTokens: '10',
      completionTokens: '2',
      costMicroUsd: '3',
      toolCalls: '0',
      sessionId: 'k-1',
      at: '2026-11-26T09:30:00.000Z',
    });
    expect(Number(event!.latencyMs)).toBeGreaterThanOrEqual(0);
  });

  it("names the tools the model called on the turn's interaction event, in order", async () => {
    service.standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [
          { name: 'date_get', arguments: {} },
          { name: 'time_get', arguments: {} },
        ],
        usage: { promptTokens: 20, completionTokens: 4 },
      },
      { kind: 'text', text: 'Thursday, nine thirty.', usage: { promptTokens: 30, completionTokens: 6 } },
    );
    await streamTurn(service.url, turnBody({ userId: 'max' }));
    const [event] = await interactionsOf('max');
    expect(event).toMatchObject({ toolCalls: '2', tools: 'date_get,time_get' });
  });

  it('records a failed turn with its error code, and no answered turn', async () => {
    service.standIn.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    await streamTurn(service.url, turnBody({ userId: 'lee' }));
    const [event] = await interactionsOf('lee');
    expect(event).toMatchObject({ outcome: 'HARK_ERR_LLM_UNAVAILABLE', promptTokens: '0' });
    expect((await usageHash('lee', '2026-11-26')).turns).toBe('0');
  });
});
