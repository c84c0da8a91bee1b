import { readSseFrames } from '@hark/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../services/conversation/src/testing/test-conversation.js';
import { type PremiumStack, startPremiumStack } from './support/premium-stack.js';

// The whole premium path in one process, so a timer the model sets is the one GET /v1/timers lists.
let stack: PremiumStack;
let routerUrl: string;
let key: string;

beforeAll(async () => {
  stack = await startPremiumStack('premium-e2e');
  await stack.router.listen({ host: '127.0.0.1', port: 0 });
  routerUrl = `http://127.0.0.1:${(stack.router.server.address() as { port: number }).port}`;
  key = await stack.userWithKey('pam', 'premium');
});

afterAll(() => stack.close());

/** POST /v1/converse as pam, asking for the answer as it streams. */
const converseStreamed = (text: string, signal?: AbortSignal) =>
  fetch(`${routerUrl}/v1/converse`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify({ text }),
    ...(signal ? { signal } : {}),
  });

describe('premium conversation end to end', () => {
  it("streams the timer skill's reply, and a timer the model sets appears in GET /v1/timers", async () => {
    // Setting a timer is an action whose skill says the whole answer: the turn ends with it, no
    // second model call (services/conversation/src/tools/answer-complete.ts).
    stack.standIn.enqueue({
      kind: 'tool_calls',
      calls: [{ name: 'timer_start', arguments: { duration_seconds: 360, name: 'soft-boiled eggs' } }],
    });
    const response = await converseStreamed('I am boiling eggs, soft please, help me time them');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const frames = [];
    for await (const frame of readSseFrames(response.body as unknown as AsyncIterable<Uint8Array>))
      frames.push(frame);
    const events = frames.map((f) => f.event);
    expect(events[0]).toBe('intent');
    expect(events).toContain('tool');
    expect(events.indexOf('tool')).toBeLessThan(events.indexOf('delta'));
    expect(events.at(-1)).toBe('done');
    const done = JSON.parse(frames.at(-1)!.data);
    expect(done).toMatchObject({ handledBy: 'llm', reply: { text: expect.stringMatching(/6 minute/) } });
    expect(stack.standIn.requests).toHaveLength(1);
    const deltas = frames
      .filter((f) => f.event === 'delta')
      .map((f) => JSON.parse(f.data).text)
      .join('');
    expect(deltas).toBe(done.reply.text);

    const timers = (await (
      await fetch(`${routerUrl}/v1/timers`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as {
      timers: Array<{ name: string; durationSeconds: number; state: string }>;
    };
    expect(timers.timers).toEqual([
      expect.objectContaining({ name: 'soft-boiled eggs', durationSeconds: 360, state: 'ON' }),
    ]);
  });

  it('a listener who hangs up mid-answer stops the model, and the turn is given back', async () => {
    stack.standIn.enqueue({
      kind: 'text',
      text: 'a long answer that nobody will hear to the end, word after word after word',
      chunkDelayMs: 50,
    });
    const before = await stack.router.entitlements.usage('pam', 'conversation.turns_per_day');
    const listener = new AbortController();
    const response = await converseStreamed('tell me a long story about nothing', listener.signal);
    const frames = readSseFrames(response.body as unknown as AsyncIterable<Uint8Array>);
    for await (const frame of frames) if (frame.event === 'delta') break;
    const during = await stack.router.entitlements.usage('pam', 'conversation.turns_per_day');
    expect(during.used).toBe(before.used + 1);
    listener.abort();
    // The router's request to the service is cut, and with it the service's request to the model.
    await stack.standIn.waitForClientAbort();
    await eventually(async () => {
      const after = await stack.router.entitlements.usage('pam', 'conversation.turns_per_day');
      return after.used === before.used ? after : undefined;
    });
  });
});
