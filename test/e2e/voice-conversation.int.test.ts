import type { AddressInfo } from 'node:net';
import { fixedClock, loadConfig } from '@hark/core';
import {
  connectTestRedis,
  grantProjection,
  type OpenAiStandIn,
  STAND_IN_DEFAULT_TRANSCRIPT,
  standInSpeechBytes,
  startOpenAiStandIn,
  type TestRedis,
  writeTestPlans,
} from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildConversationService } from '../../services/conversation/src/app.js';
import { buildRouter } from '../../services/router/src/app.js';
import { silentWav } from '../../services/router/src/testing/wav-fixture.js';

// Server-side speech in one process: router -> conversation service -> OpenAI-compatible stand-in
// (transcriptions and speech), on one Redis key prefix.
const INTERNAL_TOKEN = 'e2e-internal-token-123';
let standIn: OpenAiStandIn;
let testRedis: TestRedis;
let conversation: FastifyInstance;
let router: FastifyInstance;
let premiumKey: string;
let freeKey: string;

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  testRedis = await connectTestRedis('voice-e2e');
  const env = {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: testRedis.prefix,
    NODE_ENV: 'test',
    INTERNAL_TOKEN,
    ADMIN_TOKEN: 'e2e-operator-token',
    LLM_BASE_URL: standIn.url,
    LLM_API_KEY: 'sk-stand-in',
    LLM_MAX_RETRIES: '0',
  };
  conversation = await buildConversationService({
    config: loadConfig(env),
    redis: testRedis.redis,
    logger: false,
  });
  await conversation.listen({ host: '127.0.0.1', port: 0 });
  const conversationUrl = `http://127.0.0.1:${(conversation.server.address() as AddressInfo).port}`;
  router = await buildRouter({
    config: loadConfig({ ...env, CONVERSATION_URL: conversationUrl }),
    redis: testRedis.redis,
    logger: false,
    // 09:30 UTC is 10:30 in Paris.
    clock: fixedClock('2026-11-26T09:30:00.000Z'),
    startScheduler: false,
  });
  await router.ready();
  await writeTestPlans(testRedis.redis, router.keys.plans());
  for (const id of ['pam', 'fred']) await router.users.createUser({ id, timezone: 'Europe/Paris' });
  premiumKey = (await router.users.addApiKey('pam')).key;
  freeKey = (await router.users.addApiKey('fred')).key;
  await testRedis.redis.set(
    router.keys.entitlement('pam'),
    JSON.stringify(grantProjection('pam', 'premium')),
  );
});

beforeEach(() => standIn.reset());

afterAll(async () => {
  await router.close();
  const closing = conversation.close();
  conversation.server.closeAllConnections();
  await closing;
  await standIn.close();
  await testRedis.cleanup();
});

const upload = (key: string, payload: Buffer, contentType = 'audio/wav', query = '') =>
  router.inject({
    method: 'POST',
    url: `/v1/converse/audio${query}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    payload,
  });
const download = (key: string, url: string) =>
  router.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
const speechRequests = () => standIn.audioRequests.filter((request) => request.kind === 'speech');

describe('voice end to end', () => {
  it("transcribes a premium user's WAV, answers with the time skill, and speaks the reply once", async () => {
    const wav = silentWav(1.5);
    const response = await upload(premiumKey, wav, 'audio/wav', '?deviceId=kitchen');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ transcript: STAND_IN_DEFAULT_TRANSCRIPT, handledBy: 'skill' });
    expect(body.reply.text).toContain('10:30');
    expect(body.reply.audioUrl).toMatch(/^\/v1\/speech\/[\w-]{16,64}$/);
    expect(standIn.audioRequests).toEqual([
      expect.objectContaining({ kind: 'transcription', filename: 'audio.wav', fileBytes: wav.length }),
    ]);
    expect(standIn.requests).toEqual([]);

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
    expect(standIn.audioRequests[0]).toMatchObject({ kind: 'transcription', filename: 'audio.webm' });
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
    expect(standIn.audioRequests).toEqual([]);
    expect(standIn.requests).toEqual([]);
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
    expect(standIn.audioRequests).toEqual([]);
  });

  it('answers 422 HARK_ERR_NO_SPEECH when the recording holds no words', async () => {
    standIn.transcript = '  ';
    const response = await upload(premiumKey, silentWav(1));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('HARK_ERR_NO_SPEECH');
  });
});
