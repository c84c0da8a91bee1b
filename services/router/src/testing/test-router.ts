import { type Clock, type KeySpace, loadConfig } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { interactionKeys } from '@hark/interactions';
import { profileKeys } from '@hark/profiles';
import { schedulingKeys } from '@hark/scheduling';
import { type SkillRegistry, skillKeys } from '@hark/skills';
import { connectTestRedis, type TestRedis, testRedisEnv } from '@hark/testing';
import { userKeys } from '@hark/users';
import type { FastifyInstance } from 'fastify';
import { buildRouter, type RouterOptions } from '../app.js';
import type { ConversationClient } from '../conversation/conversation-client.js';
import type { VoiceClient } from '../conversation/voice-client.js';
import { routerKeys } from '../router-keys.js';

export const ADMIN_TOKEN = 'test-operator-token';

export interface TestRouter {
  app: FastifyInstance;
  /** Every key the router reads or writes, whoever declares it. */
  keys: ReturnType<typeof routerServiceKeys>;
  testRedis: TestRedis;
  /** Creates a user with a fresh API key; returns the key. */
  userWithKey(id: string, timezone?: string): Promise<string>;
  /**
   * One POST /v1/converse turn as `key`'s user; throws with the body on any status but 200.
   * The body as parsed JSON, untyped like `inject(...).json()`, so tests read what they expect.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the same untyped JSON as inject().json()
  converse(key: string, text: string, sessionId?: string): Promise<any>;
  close(): Promise<void>;
}

const routerServiceKeys = (space: KeySpace) => ({
  ...userKeys(space),
  ...profileKeys(space),
  ...schedulingKeys(space),
  ...entitlementKeys(space),
  ...interactionKeys(space),
  ...skillKeys(space),
  ...routerKeys(space),
});

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
    keys: routerServiceKeys(app.keys),
    testRedis,
    async userWithKey(id, timezone) {
      await app.users.createUser({ id, timezone: timezone ?? null });
      return (await app.users.addApiKey(id)).key;
    },
    async converse(key, text, sessionId) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/converse',
        headers: bearer(key),
        payload: sessionId ? { text, sessionId } : { text },
      });
      if (response.statusCode !== 200)
        throw new Error(`POST /v1/converse ${response.statusCode}: ${response.body}`);
      return response.json();
    },
    async close() {
      await app.close();
      await testRedis.cleanup();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
