import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { streamTurn } from '../testing/sse-turn.js';
import {
  internalHeaders,
  startTestConversation,
  type TestConversation,
  turnBody,
  turnHeaders,
} from '../testing/test-conversation.js';

let service: TestConversation;
beforeEach(async () => {
  service ??= await startTestConversation();
  service.standIn.reset();
});
afterAll(() => service?.close());

describe('POST /internal/turns, streamed', () => {
  it('relays each delta as it arrives, then done with the whole turn', async () => {
    const text = 'Here is a fact: honey never spoils, even after thousands of years.';
    service.standIn.enqueue({ kind: 'text', text, chunkDelayMs: 15 });
    const turn = await streamTurn(service.url, turnBody());

    expect(turn.status).toBe(200);
    expect(turn.contentType).toContain('text/event-stream');
    const deltas = turn.events.filter((event) => event.event === 'delta');
    const done = turn.events.at(-1)!;
    expect(done.event).toBe('done');
    expect(deltas.length).toBe(text.split(' ').length);
    expect(deltas.map((event) => event.data.text).join('')).toBe(text);
    // Streamed, not buffered: the first word was there well before the answer finished.
    expect(done.at - deltas[0]!.at).toBeGreaterThan(100);
    expect(done.data).toMatchObject({
      reply: { text, speech: text },
      model: 'gpt-4o-mini',
      tools: [],
      usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) },
    });
  });

  it('asks the upstream for a stream with usage, with the date, time and profile in the system prompt', async () => {
    await streamTurn(
      service.url,
      turnBody({
        profile: {
          timezone: 'Europe/Paris',
          location: { name: 'Lyon', latitude: 45.76, longitude: 4.84, countryCode: 'FR' },
          units: 'metric',
          locale: 'en-GB',
        },
      }),
    );
    const [request] = service.standIn.requests;
    expect(request).toMatchObject({ model: 'gpt-4o-mini', stream: true, includeUsage: true });
    expect(request!.authorization).toBe('Bearer sk-stand-in');
    // The fixed instructions first; the clock and profile last, right before the user's message.
    expect(request!.messages[0]!.role).toBe('system');
    expect(String(request!.messages[0]!.content)).toMatch(/no markdown/i);
    const context = String(request!.messages.at(-2)!.content);
    expect(request!.messages.at(-2)!.role).toBe('system');
    expect(context).toContain('Thursday 26 November 2026, 10:30 local time (Europe/Paris');
    expect(context).toContain('Lyon (FR)');
    expect(context).toContain('metric');
    expect(request!.messages.at(-1)).toEqual({ role: 'user', content: 'Tell me something nice.' });
  });

  it('speaks the reply without markdown', async () => {
    service.standIn.enqueue({ kind: 'text', text: 'You need **two** things:\n- *flour*\n- eggs' });
    const turn = await streamTurn(service.url, turnBody());
    const done = turn.events.at(-1)!.data as { reply: { text: string; speech: string } };
    expect(done.reply.text).toBe('You need **two** things:\n- *flour*\n- eggs');
    expect(done.reply.speech).toBe('You need two things: flour. eggs.');
  });

  it('ends with an error event, after the deltas, when the connection drops mid-answer', async () => {
    service.standIn.enqueue({ kind: 'text', text: 'One two three four five six', dropAfterChunks: 3 });
    const turn = await streamTurn(service.url, turnBody());
    expect(turn.events.filter((event) => event.event === 'delta')).toHaveLength(3);
    expect(turn.events.at(-1)).toMatchObject({
      event: 'error',
      data: { code: 'HARK_ERR_LLM_UNAVAILABLE' },
    });
  });
});

describe('POST /internal/turns, JSON', () => {
  it('answers the same turn as one JSON body without Accept: text/event-stream', async () => {
    service.standIn.enqueue({ kind: 'text', text: 'Hello Ada.' });
    const response = await service.app.inject({
      method: 'POST',
      url: '/internal/turns',
      headers: turnHeaders(turnBody()),
      payload: turnBody(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ reply: { text: 'Hello Ada.', speech: 'Hello Ada.' }, tools: [] });
  });
});

describe('the internal token and the request body', () => {
  const post = (headers: Record<string, string>, payload: unknown = turnBody()) =>
    service.app.inject({ method: 'POST', url: '/internal/turns', headers, payload: payload as object });

  it('refuses a call without the token (401) or with a wrong one (403), without calling the model', async () => {
    const missing = await post({ 'content-type': 'application/json' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('HARK_ERR_INTERNAL_TOKEN_REQUIRED');
    const wrong = await post(internalHeaders({ 'x-hark-internal-token': 'guessed-token-value' }));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('HARK_ERR_FORBIDDEN');
    expect(service.standIn.requests).toHaveLength(0);
  });

  it.each([
    ['empty text', { text: '  ' }, 'HARK_ERR_VALIDATION'],
    ['a user id with a colon', { userId: 'a:b' }, 'HARK_ERR_VALIDATION'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'HARK_ERR_INVALID_TIMEZONE'],
    ['an unsupported language', { locale: 'fr-FR' }, 'HARK_ERR_UNSUPPORTED_LOCALE'],
  ])('answers 400 to %s', async (_case, change, code) => {
    const response = await post(turnHeaders(turnBody()), { ...turnBody(), ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
    expect(service.standIn.requests).toHaveLength(0);
  });

  it('keeps health checks open', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await service.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
