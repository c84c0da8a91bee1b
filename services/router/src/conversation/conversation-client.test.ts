import type { ServerResponse } from 'node:http';
import type { ConversationTurnRequest, ConversationTurnResult } from '@hark/contracts';
import { INTERNAL_TOKEN_HEADER, PREMIUM_GRANT_HEADER, PREMIUM_GRANT_PURPOSE } from '@hark/contracts';
import { sseFrame, verifyToken } from '@hark/core';
import { type ScriptedHttpServer, startScriptedHttpServer, unusedPort } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationFailure, createConversationClient, type TurnGrant } from './conversation-client.js';

// The router's client of POST /internal/turns over its default transport (node:http), against a
// local server that plays the conversation service: what it sends, and every way a turn can end.

let server: ScriptedHttpServer;

beforeAll(async () => {
  server = await startScriptedHttpServer();
});

afterAll(() => server.close());

const turnRequest: ConversationTurnRequest = {
  userId: 'ada',
  sessionId: 's1',
  newSession: true,
  text: 'tell me about honey',
  timeZone: 'Europe/Paris',
  locale: 'en-GB',
  deviceId: null,
  profile: { timezone: 'Europe/Paris', location: null, units: null, locale: null },
  plan: { id: 'premium', features: { conversation: true } },
};

const grant: TurnGrant = {
  plan: { id: 'premium', features: { conversation: true } },
  access: 'plan',
  quota: 'conversation.turns_per_day',
  period: '2026-11-26',
};

const result: ConversationTurnResult = {
  reply: { text: 'Honey never spoils.', speech: 'Honey never spoils.' },
  usage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 },
  costUsd: 0.0001,
  model: 'stand-in',
  latencyMs: 12,
  tools: [],
};

const openStream = (response: ServerResponse) =>
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });

const client = (timeoutMs = 5_000) =>
  createConversationClient({ baseUrl: server.url, internalToken: 'internal-secret', timeoutMs });

async function failureOf(turn: Promise<unknown>): Promise<ConversationFailure> {
  const error = await turn.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConversationFailure);
  return error as ConversationFailure;
}

describe('the conversation client', () => {
  it('sends the turn with the internal token and relays deltas as they come, then the result', async () => {
    let seen: { token: unknown; accept: unknown; body: unknown; grant: unknown } | undefined;
    let firstRelayed: () => void = () => {};
    const relayed = new Promise<void>((resolve) => (firstRelayed = resolve));
    server.handle = async (request, body, response) => {
      seen = {
        token: request.headers[INTERNAL_TOKEN_HEADER],
        accept: request.headers.accept,
        body: JSON.parse(body),
        grant: request.headers[PREMIUM_GRANT_HEADER],
      };
      openStream(response);
      response.write(sseFrame('delta', { text: 'Honey ' }));
      await relayed; // the rest only once the first delta reached the caller: nothing is buffered
      response.write(sseFrame('future-event', { ignored: true }));
      response.write(sseFrame('delta', { text: 'never spoils.' }));
      response.end(sseFrame('done', result));
    };
    const events: unknown[] = [];
    const onEvent = (event: unknown) => {
      events.push(event);
      firstRelayed();
    };
    const answer = await client().turn(turnRequest, onEvent, new AbortController().signal, grant);
    expect(seen).toMatchObject({ token: 'internal-secret', accept: 'text/event-stream', body: turnRequest });
    // The premium grant, signed with the internal token, for this user and session only.
    const verified = verifyToken('internal-secret', PREMIUM_GRANT_PURPOSE, String(seen?.grant), Date.now());
    expect(verified).toMatchObject({
      ok: true,
      claims: { use: 'turn', userId: 'ada', sessionId: 's1', ...grant, id: expect.any(String) },
    });
    expect(events).toEqual([
      { event: 'delta', data: { text: 'Honey ' } },
      { event: 'delta', data: { text: 'never spoils.' } },
    ]);
    expect(answer).toEqual(result);
  });

  it("fails with the service's code when the stream ends in an error event", async () => {
    server.handle = (_request, _body, response) => {
      openStream(response);
      response.end(sseFrame('error', { code: 'HARK_ERR_LLM_UNAVAILABLE', message: 'the model is down' }));
    };
    const failure = await failureOf(
      client().turn(turnRequest, () => {}, new AbortController().signal, grant),
    );
    expect(failure.code).toBe('HARK_ERR_LLM_UNAVAILABLE');
  });

  it("fails with the service's code on an error status, and with its own when the body is not JSON", async () => {
    server.handle = (_request, _body, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'HARK_ERR_FORBIDDEN', message: 'wrong token' } }));
    };
    expect(
      (await failureOf(client().turn(turnRequest, () => {}, new AbortController().signal, grant))).code,
    ).toBe('HARK_ERR_FORBIDDEN');
    server.handle = (_request, _body, response) => {
      response.writeHead(502);
      response.end('<html>bad gateway</html>');
    };
    const failure = await failureOf(
      client().turn(turnRequest, () => {}, new AbortController().signal, grant),
    );
    expect(failure.code).toBe('HARK_ERR_UPSTREAM_UNAVAILABLE');
    expect(failure.message).toContain('502');
  });

  it('fails as unavailable when nothing listens, and when the stream stops before done', async () => {
    const nowhere = createConversationClient({
      baseUrl: `http://127.0.0.1:${await unusedPort()}`,
      internalToken: 'internal-secret',
      timeoutMs: 5_000,
    });
    const refused = await failureOf(nowhere.turn(turnRequest, () => {}, new AbortController().signal, grant));
    expect(refused.code).toBe('HARK_ERR_UPSTREAM_UNAVAILABLE');

    server.handle = (_request, _body, response) => {
      openStream(response);
      response.end(sseFrame('delta', { text: 'Honey ' }));
    };
    const ended = await failureOf(client().turn(turnRequest, () => {}, new AbortController().signal, grant));
    expect(ended.code).toBe('HARK_ERR_UPSTREAM_UNAVAILABLE');
  });

  it('rejects, and closes the request, when the caller hangs up or the turn runs out of time', async () => {
    server.handle = (_request, _body, response) => {
      openStream(response);
      response.write(sseFrame('delta', { text: 'Honey ' })); // and nothing more
    };
    const before = server.closedEarly;
    const caller = new AbortController();
    const hungUp = client().turn(
      turnRequest,
      (event) => {
        if (event.event === 'delta') caller.abort();
      },
      caller.signal,
      grant,
    );
    await expect(hungUp).rejects.toThrow();
    const timedOut = client(200).turn(turnRequest, () => {}, new AbortController().signal, grant);
    await expect(timedOut).rejects.toThrow();
    await expect.poll(() => server.closedEarly - before).toBe(2);
  });
});
