import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAiStandIn, STAND_IN_DEFAULT_TEXT, startOpenAiStandIn } from './openai-stand-in.js';

let standIn: OpenAiStandIn;
beforeEach(async () => {
  standIn ??= await startOpenAiStandIn();
  standIn.reset();
});
afterAll(() => standIn?.close());

const ask = (body: Record<string, unknown>) =>
  fetch(`${standIn.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });

/** The `data:` payloads of an SSE body, in order. */
async function dataLines(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      return frame.slice(6);
    });
}

type Chunk = { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown };

describe('OpenAI stand-in', () => {
  it('streams content word by word, a finish chunk, the usage chunk when asked, then [DONE]', async () => {
    const response = await ask({ stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const lines = await dataLines(response);
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line) as Chunk);
    const words = chunks.flatMap((chunk) => (chunk.choices[0]?.delta.content as string | undefined) ?? []);
    expect(words.join('')).toBe(STAND_IN_DEFAULT_TEXT);
    expect(words.length).toBe(STAND_IN_DEFAULT_TEXT.split(' ').length);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [],
      usage: { total_tokens: expect.any(Number) },
    });
  });

  it('sends tool-call arguments in fragments that reassemble by index', async () => {
    standIn.enqueue({
      kind: 'tool_calls',
      calls: [
        { name: 'timer_start', arguments: { duration_seconds: 360 } },
        { name: 'list_add', arguments: { item: 'eggs', list: 'shopping' }, id: 'call_fixed' },
      ],
    });
    const chunks = (await dataLines(await ask({ stream: true })))
      .slice(0, -1)
      .map((line) => JSON.parse(line) as Chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    const calls: { id?: string; name: string; arguments: string }[] = [];
    for (const chunk of chunks) {
      for (const part of (chunk.choices[0]?.delta.tool_calls ?? []) as {
        index: number;
        id?: string;
        function: { name?: string; arguments?: string };
      }[]) {
        calls[part.index] ??= { name: '', arguments: '' };
        const call = calls[part.index]!;
        call.id ??= part.id;
        call.name += part.function.name ?? '';
        call.arguments += part.function.arguments ?? '';
      }
    }
    expect(calls).toEqual([
      { id: expect.stringMatching(/^call_/), name: 'timer_start', arguments: '{"duration_seconds":360}' },
      { id: 'call_fixed', name: 'list_add', arguments: '{"item":"eggs","list":"shopping"}' },
    ]);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.tool_calls).length).toBeGreaterThan(4);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('answers non-streamed requests with a whole chat.completion', async () => {
    standIn.enqueue({ kind: 'text', text: 'Whole.', usage: { promptTokens: 7, completionTokens: 2 } });
    const body = await (await ask({})).json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ message: { role: 'assistant', content: 'Whole.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
    });
  });

  it("plays scripted errors with OpenAI's error body and Retry-After, then the default again", async () => {
    standIn.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const limited = await ask({ stream: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
    expect((await ask({})).status).toBe(200);
  });

  it('records what it was asked', async () => {
    await ask({
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'x' } }],
    });
    expect(standIn.requests).toEqual([
      expect.objectContaining({
        path: '/v1/chat/completions',
        model: 'gpt-4o-mini',
        stream: true,
        includeUsage: true,
        tools: [{ type: 'function', function: { name: 'x' } }],
        authorization: 'Bearer sk-test',
      }),
    ]);
  });

  it('counts prompt tokens with the tokenizer and reports a prompt beginning seen before as cached', async () => {
    const usageOf = async (messages: unknown[]) => {
      const completion = (await (await ask({ messages })).json()) as {
        usage: { prompt_tokens: number; prompt_tokens_details: { cached_tokens: number } };
      };
      return {
        prompt: completion.usage.prompt_tokens,
        cached: completion.usage.prompt_tokens_details.cached_tokens,
      };
    };
    // "hello" is one token; the three framing tokens and the role make the rest.
    expect(await usageOf([{ role: 'user', content: 'hello' }])).toEqual({ prompt: 5, cached: 0 });
    const stable = { role: 'system', content: 'Speak briefly. '.repeat(400) };
    const first = await usageOf([stable, { role: 'user', content: 'what is the capital of France?' }]);
    expect(first.prompt).toBeGreaterThan(1_200);
    expect(first.cached).toBe(0);
    const second = await usageOf([stable, { role: 'user', content: 'and of Spain?' }]);
    // Cached in 128-token steps from 1,024, never past the shared beginning.
    expect(second.cached).toBeGreaterThanOrEqual(1_024);
    expect(second.cached % 128).toBe(0);
    expect(second.cached).toBeLessThanOrEqual(second.prompt);
    expect(second.prompt - second.cached).toBeLessThan(128 + 20);
    // Below 1,024 tokens nothing is cached, however often it is asked.
    await usageOf([{ role: 'system', content: 'Short.' }]);
    expect((await usageOf([{ role: 'system', content: 'Short.' }])).cached).toBe(0);
    standIn.reset();
    expect((await usageOf([stable, { role: 'user', content: 'and of Spain?' }])).cached).toBe(0);
  });

  it('notices a client that hangs up mid-stream, and can drop the connection itself', async () => {
    standIn.enqueue({ kind: 'text', text: 'slow words for a client that leaves', chunkDelayMs: 30 });
    const controller = new AbortController();
    const response = await fetch(`${standIn.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [], stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await standIn.waitForClientAbort();
    expect(standIn.clientAborts).toBe(1);

    standIn.enqueue({ kind: 'text', text: 'one two three four', dropAfterChunks: 2 });
    await expect((await ask({ stream: true })).text()).rejects.toThrow();
  });
});
