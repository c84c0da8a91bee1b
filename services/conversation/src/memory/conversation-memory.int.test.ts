import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { streamTurn } from '../testing/sse-turn.js';
import { startTestConversation, type TestConversation, turnBody } from '../testing/test-conversation.js';

let service: TestConversation;
beforeEach(async () => {
  service ??= await startTestConversation({ LLM_MEMORY_MAX_TOKENS: '200', LLM_MEMORY_TTL_SECONDS: '600' });
  service.standIn.reset();
});
afterAll(() => service?.close());

const roles = (index: number) => service.standIn.requests[index]!.messages.map((message) => message.role);
/** What was said: the messages without the instructions and the turn's context (both system messages). */
const said = (index: number) =>
  service.standIn.requests[index]!.messages.filter((message) => message.role !== 'system').map(
    (message) => message.content,
  );

describe('conversation memory', () => {
  it('sends the previous exchange with the next turn of the same session, and not to another session', async () => {
    service.standIn.enqueue(
      { kind: 'text', text: 'Nice to meet you, Ada.' },
      { kind: 'text', text: 'You are Ada.' },
    );
    await streamTurn(service.url, turnBody({ sessionId: 'm1', text: 'My name is Ada.' }));
    await streamTurn(service.url, turnBody({ sessionId: 'm1', text: 'What is my name?' }));
    expect(roles(1)).toEqual(['system', 'user', 'assistant', 'system', 'user']);
    expect(said(1)).toEqual(['My name is Ada.', 'Nice to meet you, Ada.', 'What is my name?']);

    await streamTurn(service.url, turnBody({ sessionId: 'm2', text: 'What is my name?' }));
    expect(roles(2)).toEqual(['system', 'system', 'user']);
    const ttl = await service.testRedis.redis.ttl(service.keys.conversation('ada', 'm1'));
    expect(ttl).toBeGreaterThan(590);
  });

  it('reads no memory for a session the router has just made, and keeps that turn for the next', async () => {
    service.standIn.enqueue({ kind: 'text', text: 'Hello, Cy.' }, { kind: 'text', text: 'You are Cy.' });
    await streamTurn(service.url, turnBody({ sessionId: 'm4', newSession: true, text: 'I am Cy.' }));
    // Leftovers under the same id (impossible for a fresh id, planted here) prove nothing was read.
    const planted = JSON.stringify([{ role: 'user', content: 'planted' }]);
    await service.testRedis.redis.lpush(service.keys.conversation('ada', 'm4'), planted);
    await streamTurn(service.url, turnBody({ sessionId: 'm4', newSession: true, text: 'Again.' }));
    expect(said(1)).toEqual(['Again.']);
    await streamTurn(service.url, turnBody({ sessionId: 'm4', text: 'Who am I?' }));
    expect(said(2)).toContain('I am Cy.');
  });

  it('remembers tool calls with their results, so "cancel it" can refer to them', async () => {
    service.standIn.enqueue(
      { kind: 'tool_calls', calls: [{ name: 'timer_start', arguments: { duration_seconds: 60 } }] },
      { kind: 'text', text: 'Done.' },
    );
    await streamTurn(service.url, turnBody({ userId: 'ben', sessionId: 'm3', text: 'one minute timer' }));
    await streamTurn(service.url, turnBody({ userId: 'ben', sessionId: 'm3', text: 'cancel it' }));
    // The timer skill's own sentence ended the first turn (tools/answer-complete.ts): one call each.
    expect(roles(1)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'system', 'user']);
  });

  it('drops the oldest whole turns beyond the token budget, keeping the system prompt', async () => {
    const long = (n: number) => `Turn ${n}: ${'words to remember '.repeat(16).trim()}`;
    for (let turn = 1; turn <= 4; turn++) {
      service.standIn.enqueue({ kind: 'text', text: `Answer ${turn}.` });
      await streamTurn(service.url, turnBody({ userId: 'cy', sessionId: 'm4', text: long(turn) }));
    }
    const stored = await service.testRedis.redis.lrange(service.keys.conversation('cy', 'm4'), 0, -1);
    expect(stored.length).toBeLessThan(4);
    expect(JSON.parse(stored.at(-1)!)[0].content).toBe(long(4));
    const lastAsked = service.standIn.requests.at(-1)!.messages;
    expect(lastAsked[0]!.role).toBe('system');
    expect(lastAsked.some((message) => message.content === long(1))).toBe(false);
    expect(lastAsked.some((message) => message.content === long(3))).toBe(true);
  });

  it('forgets nothing and saves nothing when the turn fails', async () => {
    service.standIn.enqueue({ kind: 'status', status: 500 });
    await streamTurn(service.url, turnBody({ userId: 'dee', sessionId: 'm5' }));
    expect(await service.testRedis.redis.exists(service.keys.conversation('dee', 'm5'))).toBe(0);
  });
});
