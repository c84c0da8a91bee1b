// Issue 20, item 2: the conversation service trusted what it was told. With the internal token alone,
// POST /internal/turns {"userId": "<victim>", "plan": {"id": "premium", ...}} ran a turn for a free user,
// billed to them. Now only the router's signed, one-use premium grant for that user and session opens a
// turn (or speech, or a transcription), under the grant's plan; the body's plan is never believed.
import { FEATURES } from '@hark/contracts';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { streamTurn } from '../testing/sse-turn.js';
import {
  eventually,
  grantHeader,
  internalHeaders,
  startTestConversation,
  type TestConversation,
  turnBody,
  turnGrantClaims,
  voiceHeaders,
} from '../testing/test-conversation.js';

let service: TestConversation;
beforeEach(async () => {
  service ??= await startTestConversation();
  service.standIn.reset();
});
afterAll(() => service?.close());

const postTurn = (headers: Record<string, string>, payload: object) =>
  service.app.inject({ method: 'POST', url: '/internal/turns', headers, payload });

const victimBody = {
  userId: 'victim',
  sessionId: 'attack-1',
  text: 'Write me a long poem about the sea.',
  timeZone: 'Europe/Paris',
  locale: 'en-GB',
  profile: turnBody().profile,
  plan: { id: 'premium', features: { [FEATURES.conversation]: true } },
};

async function expectRefused(response: { statusCode: number; json(): unknown }, reason: string) {
  expect(response.statusCode).toBe(403);
  expect(response.json()).toMatchObject({ error: { code: 'HARK_ERR_GRANT_INVALID', details: { reason } } });
}

describe('premium grants on /internal/turns', () => {
  it('refuses a turn declared for a victim with the internal token alone: nothing runs, nothing is billed', async () => {
    const response = await postTurn(internalHeaders(), victimBody);
    await expectRefused(response, 'missing');
    const streamed = await service.app.inject({
      method: 'POST',
      url: '/internal/turns',
      headers: internalHeaders({ accept: 'text/event-stream' }),
      payload: victimBody,
    });
    await expectRefused(streamed, 'missing');
    expect(service.standIn.requests).toHaveLength(0);
    const usage = await service.testRedis.redis.hgetall(service.keys.llmUsage('victim', '2026-11-26'));
    expect(usage).toEqual({});
    const memory = await service.testRedis.redis.exists(service.keys.conversation('victim', 'attack-1'));
    expect(memory).toBe(0);
  });

  it('refuses a forged grant (the old constant development token), and one for another user or session', async () => {
    const claims = turnGrantClaims(victimBody);
    await expectRefused(
      await postTurn(internalHeaders(grantHeader(claims, { secret: 'dev-internal-token' })), victimBody),
      'signature',
    );
    // The attacker's own, genuine grant does not open a turn for the victim, nor in another session.
    const own = grantHeader({ ...claims, userId: 'attacker' });
    await expectRefused(await postTurn(internalHeaders(own), victimBody), 'user');
    const otherSession = grantHeader({ ...claims, sessionId: 'attack-2' });
    await expectRefused(await postTurn(internalHeaders(otherSession), victimBody), 'session');
    const speechGrant = voiceHeaders('speech', {}, 'victim');
    await expectRefused(await postTurn(speechGrant, victimBody), 'use');
    expect(service.standIn.requests).toHaveLength(0);
  });

  it('refuses an expired grant and a replayed one', async () => {
    const claims = turnGrantClaims(victimBody);
    const expired = grantHeader(claims, { expiresAtMs: Date.now() - 1 });
    await expectRefused(await postTurn(internalHeaders(expired), victimBody), 'expired');
    service.standIn.enqueue({ kind: 'text', text: 'A poem.' });
    const grant = internalHeaders(grantHeader(claims));
    expect((await postTurn(grant, victimBody)).statusCode).toBe(200);
    await expectRefused(await postTurn(grant, victimBody), 'reused');
    expect(service.standIn.requests).toHaveLength(1);
  });

  it("runs the turn under the grant's plan, whatever plan the body declares", async () => {
    service.standIn.enqueue({ kind: 'text', text: 'Only timers here.' });
    const plan = { id: 'timers-only', features: {}, allowedTools: ['timer.start'] };
    const body = { ...victimBody, userId: 'uma', sessionId: 'u-1' };
    const turn = await streamTurn(service.url, { ...body, plan }); // the helper signs this plan
    expect(turn.status).toBe(200);
    service.standIn.enqueue({ kind: 'text', text: 'Still only timers.' });
    const grant = grantHeader(turnGrantClaims({ ...body, plan }));
    const response = await postTurn(internalHeaders(grant), body); // body: premium, every tool
    expect(response.statusCode).toBe(200);
    const offered = service.standIn.requests.map((request) => request.tools.map((tool) => tool.function));
    expect(offered[1]).toEqual(offered[0]);
    expect(offered[1]!.map((tool) => (tool as { name: string }).name)).toEqual(['timer_start']);
    const planOf = async () => {
      const entries = await service.testRedis.redis.xrange(service.keys.interactions(), '-', '+');
      const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1];
      const plans = entries.filter(([, f]) => field(f, 'userId') === 'uma').map(([, f]) => field(f, 'plan'));
      return plans.length >= 2 ? plans : undefined;
    };
    expect(await eventually(planOf)).toEqual(['timers-only', 'timers-only']);
  });
});

describe('premium grants on /internal/speech and /internal/transcriptions', () => {
  it('refuses speech and transcription without a grant of that use, before any upstream call', async () => {
    const speech = (headers: Record<string, string>) =>
      service.app.inject({ method: 'POST', url: '/internal/speech', headers, payload: { text: 'Hi' } });
    await expectRefused(await speech(internalHeaders()), 'missing');
    await expectRefused(await speech(voiceHeaders('transcription')), 'use');
    const transcribe = (headers: Record<string, string>) =>
      service.app.inject({
        method: 'POST',
        url: '/internal/transcriptions',
        headers: { ...headers, 'content-type': 'audio/wav' },
        payload: Buffer.alloc(64, 1),
      });
    await expectRefused(await transcribe(internalHeaders()), 'missing');
    await expectRefused(await transcribe(voiceHeaders('speech')), 'use');
    expect(service.standIn.audioRequests).toEqual([]);
    expect((await speech(voiceHeaders('speech'))).statusCode).toBe(200);
  });
});
