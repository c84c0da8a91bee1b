import type { AddressInfo } from 'node:net';
import { loadConfig } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import {
  connectTestRedis,
  grantProjection,
  type OpenAiStandIn,
  startOpenAiStandIn,
  type TestRedis,
  testRedisEnv,
  writeTestPlans,
} from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { buildConversationService } from '../../../services/conversation/src/app.js';
import { buildRouter, type RouterOptions } from '../../../services/router/src/app.js';

export interface PremiumStack {
  standIn: OpenAiStandIn;
  testRedis: TestRedis;
  conversation: FastifyInstance;
  router: FastifyInstance;
  /** A user in Europe/Paris with a fresh API key, on `plan` by an operator grant (or on free). */
  userWithKey(id: string, plan?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The premium path in one process: router -> conversation service (listening) -> the
 * OpenAI-compatible stand-in, all on one Redis key prefix, with the test plans written.
 */
export async function startPremiumStack(
  label: string,
  routerOptions: Omit<RouterOptions, 'config' | 'redis'> = {},
): Promise<PremiumStack> {
  const standIn = await startOpenAiStandIn();
  const testRedis = await connectTestRedis(label);
  const env = {
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    NODE_ENV: 'test',
    INTERNAL_TOKEN: 'e2e-internal-token-123',
    ADMIN_TOKEN: 'e2e-operator-token',
    LLM_BASE_URL: standIn.url,
    LLM_API_KEY: 'sk-stand-in',
    LLM_MAX_RETRIES: '0',
  };
  const conversation = await buildConversationService({
    config: loadConfig(env),
    redis: testRedis.redis,
    logger: false,
  });
  await conversation.listen({ host: '127.0.0.1', port: 0 });
  const conversationUrl = `http://127.0.0.1:${(conversation.server.address() as AddressInfo).port}`;
  const router = await buildRouter({
    config: loadConfig({ ...env, CONVERSATION_URL: conversationUrl }),
    redis: testRedis.redis,
    logger: false,
    ...routerOptions,
  });
  await router.ready();
  await writeTestPlans(testRedis.redis, entitlementKeys(router.keys).plans());
  return {
    standIn,
    testRedis,
    conversation,
    router,
    async userWithKey(id, plan) {
      await router.users.createUser({ id, timezone: 'Europe/Paris' });
      if (plan)
        await testRedis.redis.set(
          entitlementKeys(router.keys).entitlement(id),
          JSON.stringify(grantProjection(id, plan)),
        );
      return (await router.users.addApiKey(id)).key;
    },
    async close() {
      // Aborted streams can leave keep-alive sockets that would hold close() for seconds.
      const closing = [router.close(), conversation.close()];
      router.server.closeAllConnections();
      conversation.server.closeAllConnections();
      await Promise.all(closing);
      await standIn.close();
      await testRedis.cleanup();
    },
  };
}
