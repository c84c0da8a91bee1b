import { afterEach, describe, expect, it } from 'vitest';
import { streamTurn } from '../testing/sse-turn.js';
import {
  eventually,
  startTestConversation,
  type TestConversation,
  turnBody,
  turnHeaders,
} from '../testing/test-conversation.js';

let service: TestConversation | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const postJson = (target: TestConversation, body = turnBody()) =>
  target.app.inject({ method: 'POST', url: '/internal/turns', headers: turnHeaders(body), payload: body });

describe('fallback models', () => {
  it('answers with the next model when the first is rate-limited (429)', async () => {
    service = await startTestConversation({ LLM_FALLBACK_MODELS: 'gpt-4o' });
    service.standIn.enqueue(
      { kind: 'status', status: 429, retryAfterSeconds: 20 },
      { kind: 'text', text: 'Fallback here.' },
    );
    const response = await postJson(service);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ model: 'gpt-4o', reply: { text: 'Fallback here.' } });
    expect(service.standIn.requests.map((request) => request.model)).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('answers 503 HARK_ERR_LLM_UNAVAILABLE when every model fails', async () => {
    service = await startTestConversation({ LLM_FALLBACK_MODELS: 'gpt-4o' });
    service.standIn.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    const response = await postJson(service);
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('HARK_ERR_LLM_UNAVAILABLE');
  });

  it('does not fall back when the upstream refuses the request itself (401)', async () => {
    service = await startTestConversation({ LLM_FALLBACK_MODELS: 'gpt-4o' });
    service.standIn.enqueue({ kind: 'status', status: 401, message: 'Incorrect API key provided' });
    const response = await postJson(service);
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toContain('refused the request (401)');
    expect(service.standIn.requests).toHaveLength(1);
  });

  it('lets the SDK retry a 500 on the same model when LLM_MAX_RETRIES allows', async () => {
    service = await startTestConversation({ LLM_MAX_RETRIES: '1' });
    service.standIn.enqueue({ kind: 'status', status: 500 }, { kind: 'text', text: 'Second time lucky.' });
    const response = await postJson(service);
    expect(response.json()).toMatchObject({ model: 'gpt-4o-mini', reply: { text: 'Second time lucky.' } });
    expect(service.standIn.requests.map((request) => request.model)).toEqual(['gpt-4o-mini', 'gpt-4o-mini']);
  });
});

describe('timeouts', () => {
  it('gives up on a slow first token: 504 HARK_ERR_LLM_TIMEOUT, or the fallback answers', async () => {
    service = await startTestConversation({ LLM_FIRST_TOKEN_TIMEOUT_MS: '150' });
    service.standIn.enqueue({ kind: 'text', text: 'Too late.', firstChunkDelayMs: 2_000 });
    const started = performance.now();
    const response = await postJson(service);
    expect(response.statusCode).toBe(504);
    expect(response.json().error).toMatchObject({
      code: 'HARK_ERR_LLM_TIMEOUT',
      message: expect.stringContaining('150 ms'),
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    await service.close();

    service = await startTestConversation({
      LLM_FIRST_TOKEN_TIMEOUT_MS: '150',
      LLM_FALLBACK_MODELS: 'gpt-4o',
    });
    service.standIn.enqueue(
      { kind: 'text', text: 'Too late.', firstChunkDelayMs: 2_000 },
      { kind: 'text', text: 'On time.' },
    );
    expect((await postJson(service)).json()).toMatchObject({ model: 'gpt-4o', reply: { text: 'On time.' } });
  });

  it('bounds the whole turn with LLM_TOTAL_TIMEOUT_MS, even while tokens keep coming', async () => {
    service = await startTestConversation({ LLM_TOTAL_TIMEOUT_MS: '300' });
    service.standIn.enqueue({
      kind: 'text',
      text: 'one two three four five six seven eight nine ten',
      chunkDelayMs: 100,
    });
    const turn = await streamTurn(service.url, turnBody());
    expect(turn.events.some((event) => event.event === 'delta')).toBe(true);
    expect(turn.events.at(-1)).toMatchObject({ event: 'error', data: { code: 'HARK_ERR_LLM_TIMEOUT' } });
  });
});

describe('circuit breaker', () => {
  it('fails fast after repeated failures, then lets a probe through after the cooldown and closes', async () => {
    service = await startTestConversation({ LLM_BREAKER_FAILURES: '2', LLM_BREAKER_COOLDOWN_MS: '30000' });
    service.standIn.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 502 });
    expect((await postJson(service)).statusCode).toBe(503);
    expect((await postJson(service)).statusCode).toBe(503);
    expect(service.app.llm.circuitStates()).toEqual({ 'gpt-4o-mini': 'open' });

    const fast = await postJson(service);
    expect(fast.statusCode).toBe(503);
    expect(fast.json().error).toMatchObject({
      code: 'HARK_ERR_LLM_CIRCUIT_OPEN',
      message: expect.stringContaining('30 s'),
    });
    expect(service.standIn.requests).toHaveLength(2);

    service.clock.advance(30_000);
    service.standIn.enqueue({ kind: 'text', text: 'Back again.' });
    expect((await postJson(service)).json()).toMatchObject({ reply: { text: 'Back again.' } });
    expect(service.app.llm.circuitStates()).toEqual({ 'gpt-4o-mini': 'closed' });
  });

  it('skips a model whose circuit is open and goes straight to the fallback', async () => {
    service = await startTestConversation({ LLM_BREAKER_FAILURES: '1', LLM_FALLBACK_MODELS: 'gpt-4o' });
    service.standIn.enqueue(
      { kind: 'status', status: 500 },
      { kind: 'text', text: 'First.' },
      { kind: 'text', text: 'Second.' },
    );
    await postJson(service);
    await postJson(service);
    expect(service.standIn.requests.map((request) => request.model)).toEqual([
      'gpt-4o-mini',
      'gpt-4o',
      'gpt-4o',
    ]);
  });
});

describe('a caller that hangs up', () => {
  it('aborts the upstream request: the stand-in sees its client go away', async () => {
    service = await startTestConversation();
    service.standIn.enqueue({
      kind: 'text',
      text: 'a long answer that nobody will hear to the end',
      chunkDelayMs: 50,
    });
    const turn = await streamTurn(service.url, turnBody({ userId: 'eve' }), (event) =>
      event.event === 'delta' ? 'hang-up' : undefined,
    );
    expect(turn.events).toHaveLength(1);
    await service.standIn.waitForClientAbort();
    expect(service.standIn.clientAborts).toBe(1);
    const target = service;
    const [entry] = await eventually(async () => {
      const entries = await target.testRedis.redis.xrange(target.keys.interactions(), '-', '+');
      return entries.length > 0 ? entries : undefined;
    });
    const fields = entry?.[1];
    expect(fields).toEqual(expect.arrayContaining(['outcome', 'aborted', 'userId', 'eve']));
  });
});
