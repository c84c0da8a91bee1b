import type { AddressInfo } from 'node:net';
import { loadConfig } from '@hark/core';
import {
  connectTestRedis,
  grantProjection,
  type OpenAiStandIn,
  startOpenAiStandIn,
  type TestRedis,
  writeTestPlans,
} from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConversationService } from '../../services/conversation/src/app.js';
import { buildRouter } from '../../services/router/src/app.js';
import { readSseFrames } from '../../services/router/src/conversation/sse-frames.js';

// The whole premium path in one process: router -> conversation service -> OpenAI-compatible
// stand-in, all on one Redis key prefix, so a timer the model sets is the one GET /v1/timers lists.
const INTERNAL_TOKEN = 'e2e-internal-token-123';
let standIn: OpenAiStandIn;
let testRedis: TestRedis;
let conversation: FastifyInstance;
let router: FastifyInstance;
let routerUrl: string;
let key: string;

const listen = async (app: FastifyInstance) => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  testRedis = await connectTestRedis('premium-e2e');
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
  const conversationUrl = await listen(conversation);
  router = await buildRouter({
    config: loadConfig({ ...env, CONVERSATION_URL: conversationUrl }),
    redis: testRedis.redis,
    logger: false,
  });
  routerUrl = await listen(router);
  await writeTestPlans(testRedis.redis, router.keys.plans());
  await router.users.createUser({ id: 'pam', timezone: 'Europe/Paris' });
  key = (await router.users.addApiKey('pam')).key;
  await testRedis.redis.set(
    router.keys.entitlement('pam'),
    JSON.stringify(grantProjection('pam', 'premium')),
  );
});

afterAll(async () => {
  const closing = [router.close(), conversation.close()];
  router.server.closeAllConnections();
  conversation.server.closeAllConnections();
  await Promise.all(closing);
  await standIn.close();
  await testRedis.cleanup();
});

describe('premium conversation end to end', () => {
  it('streams the answer word by word, and a timer the model sets appears in GET /v1/timers', async () => {
    standIn.enqueue(
      {
        kind: 'tool_calls',
        calls: [{ name: 'timer_start', arguments: { duration_seconds: 360, name: 'soft-boiled eggs' } }],
      },
      { kind: 'text', text: 'Your soft-boiled egg timer is set for six minutes.' },
    );
    const response = await fetch(`${routerUrl}/v1/converse`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ text: 'I am boiling eggs, soft please, help me time them' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const frames = [];
    for await (const frame of readSseFrames(response.body as unknown as AsyncIterable<Uint8Array>))
      frames.push(frame);
    const events = frames.map((f) => f.event);
    expect(events[0]).toBe('intent');
    expect(events).toContain('tool');
    expect(events.filter((e) => e === 'delta').length).toBeGreaterThan(3);
    expect(events.at(-1)).toBe('done');
    const done = JSON.parse(frames.at(-1)!.data);
    expect(done).toMatchObject({
      handledBy: 'llm',
      reply: { text: 'Your soft-boiled egg timer is set for six minutes.' },
    });
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
});
