import { type Clock, loadConfig } from '@hark/core';
import type { SkillRegistry } from '@hark/skills';
import { connectTestRedis, type TestRedis, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { buildRouter, type RouterOptions } from '../app.js';
import type { ConversationClient } from '../conversation/conversation-client.js';
import type { VoiceClient } from '../conversation/voice-client.js';

export const ADMIN_TOKEN = 'test-operator-token';

export interface TestRouter {
  app: FastifyInstance;
  testRedis: TestRedis;
  /** Creates a user with a fresh API key; returns the key. */
  userWithKey(id: string, timezone?: string): Promise<string>;
  close(): Promise<void>;
}

/** A router on the real test Redis, under a key prefix of its own, with logs off. */
export async function startTestRouter(
  env: Record<string, string> = {},
  options: {
    clock?: Clock;
    skills?: SkillRegistry;
    conversation?: ConversationClient | null;
    voice?: VoiceClient | null;
    recognize?: RouterOptions['recognize'];
  } = {},
): Promise<TestRouter> {
  const testRedis = await connectTestRedis('router');
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN,
    NODE_ENV: 'test',
    AUTH_CACHE_TTL_MS: '0',
    ...env,
  });
  // No premium path unless a test brings one: unmatched text gets the fallback (or the upsell).
  const app = await buildRouter({
    config,
    redis: testRedis.redis,
    logger: false,
    conversation: null,
    ...options,
  });
  await app.ready();
  return {
    app,
    testRedis,
    async userWithKey(id, timezone) {
      await app.users.createUser({ id, timezone: timezone ?? null });
      return (await app.users.addApiKey(id)).key;
    },
    async close() {
      await app.close();
      await testRedis.cleanup();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
