import { fixedClock } from '@hark/core';
import { STAND_IN_DEFAULT_TRANSCRIPT, standInSpeechBytes } from '@hark/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentWav } from '../../services/router/src/testing/wav-fixture.js';
import { type PremiumStack, startPremiumStack } from './support/premium-stack.js';

// Server-side speech in one process: router -> conversation service -> OpenAI-compatible stand-in
// (transcriptions and speech), on one Redis key prefix.
let stack: PremiumStack;
let premiumKey: string;
let freeKey: string;

beforeAll(async () => {
  // 09:30 UTC is 10:30 in Paris.
  stack = await startPremiumStack('voice-e2e', {
    clock: fixedClock('2026-11-26T09:30:00.000Z'),
    startScheduler: false,
  });
  premiumKey = await stack.userWithKey('pam', 'premium');
  freeKey = await stack.userWithKey('fred');
});

beforeEach(() => stack.standIn.reset());

afterAll(() => stack.close());

const upload = (key: string, payload: Buffer, contentType = 'audio/wav', query = '') =>
  stack.router.inject({
    method: 'POST',
    url: `/v1/converse/audio${query}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    payload,
  });
const download = (key: string, url: string) =>
  stack.router.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
const speechRequests = () => stack.standIn.audioRequests.filter((request) => request.kind === 'speech');

describe('voice end to end', () => {
  it("transcribes a premium user's WAV, answers with the time skill, and speaks the reply once", async () => {
    const wav = silentWav(1.5);
    const response = await upload(premiumKey, wav, 'audio/wav', '?deviceId=kitchen');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ transcript: STAND_IN_DEFAULT_TRANSCRIPT, handledBy: 'skill' });
    expect(body.reply.text).toContain('10:30');
    expect(body.reply.audioUrl).toMatch(/^\/v1\/speech\/[\w-]{16,64}$/);
    expect(stack.standIn.audioRequests).toEqual([
      expect.objectContaining({ kind: 'transcription', filename: 'audio.wav', fileBytes: wav.length }),
    ]);
    expect(stack.standIn.requests).toEqual([]);

    const audio = await download(premiumKey, body.reply.audioUrl);
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/mpeg');
    expect(audio.rawPayload).toEqual(standInSpeechBytes(body.reply.speech ?? body.reply.text, 'alloy'));

    // The same sentence again, through a new link: served from the conversation service's cache.
    const again = (await upload(premiumKey, wav)).json();
    expect(again.reply.audioUrl).not.toBe(body.reply.audioUrl);
    expect((await download(premiumKey, again.reply.audioUrl)).rawPayload).toEqual(audio.rawPayload);
    expect(speechRequests()).toHaveLength(1);
  });

  it("answers 404 for another user's speech id", async () => {
    const { reply } = (await upload(premiumKey, silentWav(1))).json();
    const stolen = await download(freeKey, reply.audioUrl);
    expect(stolen.statusCode).toBe(404);
    expect((await download(premiumKey, '/v1/speech/not-a-real-id-at-all')).statusCode).toBe(404);
  });

  it('accepts webm/opus and names the upstream file for its container', async () => {
    const response = await upload(premiumKey, Buffer.alloc(4096, 7), 'audio/webm;codecs=opus');
    expect(response.statusCode).toBe(200);
    expect(stack.standIn.audioRequests[0]).toMatchObject({ kind: 'transcription', filename: 'audio.webm' });
  });

  it('gives a free user the voice.stt upsell with zero upstream calls', async () => {
    const response = await upload(freeKey, silentWav(1));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      handledBy: 'fallback',
      intent: null,
      upsell: { feature: 'voice.stt', plan: 'premium', checkoutPath: '/v1/billing/checkout' },
    });
    expect(body.transcript).toBeUndefined();
    expect(body.reply.audioUrl).toBeUndefined();
    expect(stack.standIn.audioRequests).toEqual([]);
    expect(stack.standIn.requests).toEqual([]);
  });

  it.each([
    ['an empty body', Buffer.alloc(0), 'audio/wav', 400, 'HARK_ERR_EMPTY_AUDIO'],
    ['JSON', Buffer.from('{"text":"hi"}'), 'application/json', 415, 'HARK_ERR_UNSUPPORTED_AUDIO_TYPE'],
    ['text', Buffer.from('what time is it'), 'text/plain', 415, 'HARK_ERR_UNSUPPORTED_AUDIO_TYPE'],
    ['over 10 MB', Buffer.alloc(10 * 1024 * 1024 + 1), 'audio/ogg', 413, 'HARK_ERR_BODY_TOO_LARGE'],
    ['a 61 s WAV', silentWav(61), 'audio/wav', 400, 'HARK_ERR_AUDIO_TOO_LONG'],
  ])('refuses %s with %s %s and calls nobody', async (_what, payload, type, status, code) => {
    const response = await upload(premiumKey, payload, type);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(stack.standIn.audioRequests).toEqual([]);
  });

  it('answers 422 HARK_ERR_NO_SPEECH when the recording holds no words', async () => {
    stack.standIn.transcript = '  ';
    const response = await upload(premiumKey, silentWav(1));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('HARK_ERR_NO_SPEECH');
  });
});
