import type { AddressInfo } from 'node:net';
import { loadConfig } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import {
  connectTestRedis,
  grantProjection,
  type OpenAiStandIn,
  type OpenMeteoStandIn,
  StripeStandIn,
  startOpenAiStandIn,
  startOpenMeteoStandIn,
  type TestRedis,
  testRedisEnv,
} from '@hark/testing';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildConversationService } from '../../../services/conversation/src/app.js';
import { buildEntitlements } from '../../../services/entitlements/src/app.js';
import { buildRouter } from '../../../services/router/src/app.js';

/** Every secret of the stack, distinctive enough to be found in a log line. */
export const stackSecrets = {
  ADMIN_TOKEN: 'op-token-5ecret-d0-not-log',
  INTERNAL_TOKEN: 'internal-5ecret-d0-not-log-2f9a',
  LLM_API_KEY: 'sk-llm-5ecret-d0-not-log',
} as const;

export type ServiceName = 'router' | 'entitlements' | 'conversation';

export interface HostileStackOptions {
  /** Extra configuration of every service (the router's upstream URLs are set here unless given). */
  env?: Record<string, string>;
  /** Pino options per service; logs are off without them. */
  logger?: (service: ServiceName) => FastifyServerOptions['logger'];
}

export interface HostileStack {
  router: FastifyInstance;
  entitlements: FastifyInstance;
  conversation: FastifyInstance;
  openAi: OpenAiStandIn;
  stripe: StripeStandIn;
  openMeteo: OpenMeteoStandIn;
  testRedis: TestRedis;
  /** A user in Europe/Paris with a fresh API key, on `plan` by an operator grant (or on free). */
  userWithKey(id: string, plan?: string): Promise<{ key: string; keyId: string }>;
  close(): Promise<void>;
}

const listen = async (app: FastifyInstance): Promise<string> => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

/**
 * All three services on one Redis key prefix, as deployed: the router (injected, not listening)
 * proxies to the entitlement service and calls the conversation service over real HTTP; the
 * OpenAI, Stripe and Open-Meteo stand-ins answer on loopback, so nothing leaves the machine.
 */
export async function startHostileStack(
  label: string,
  options: HostileStackOptions = {},
): Promise<HostileStack> {
  const [openAi, stripe, openMeteo, testRedis] = await Promise.all([
    startOpenAiStandIn(),
    StripeStandIn.start(),
    startOpenMeteoStandIn(),
    connectTestRedis(label),
  ]);
  const env = {
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    // These suites send many wrong credentials on purpose, all from one address; the failure
    // throttle has its own suite (auth-throttle.int.test.ts).
    AUTH_FAILURE_LIMIT: '100000',
    ...stackSecrets,
    LLM_BASE_URL: openAi.url,
    LLM_MAX_RETRIES: '0',
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_BASE: stripe.url,
    STRIPE_PRICE_PREMIUM: 'price_premium_hostile',
    WEATHER_API_URL: openMeteo.url,
    GEOCODING_API_URL: openMeteo.url,
    ...options.env,
  };
  const logger = (service: ServiceName) => options.logger?.(service) ?? false;
  const entitlements = await buildEntitlements({
    config: loadConfig(env),
    redis: testRedis.redis,
    logger: logger('entitlements'),
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
  });
  const conversation = await buildConversationService({
    config: loadConfig(env),
    redis: testRedis.redis,
    logger: logger('conversation'),
  });
  const [entitlementsUrl, conversationUrl] = await Promise.all([listen(entitlements), listen(conversation)]);
  const router = await buildRouter({
    config: loadConfig({ ENTITLEMENTS_URL: entitlementsUrl, CONVERSATION_URL: conversationUrl, ...env }),
    redis: testRedis.redis,
    logger: logger('router'),
    startScheduler: false,
  });
  await router.ready();
  return {
    router,
    entitlements,
    conversation,
    openAi,
    stripe,
    openMeteo,
    testRedis,
    async userWithKey(id, plan) {
      await router.users.createUser({ id, timezone: 'Europe/Paris' });
      if (plan) {
        await testRedis.redis.set(
          entitlementKeys(router.keys).entitlement(id),
          JSON.stringify(grantProjection(id, plan)),
        );
      }
      const { key, record } = await router.users.addApiKey(id);
      return { key, keyId: record.id };
    },
    async close() {
      // Aborted streams can leave keep-alive sockets that would hold close() for seconds.
      const closing = [router.close(), entitlements.close(), conversation.close()];
      for (const app of [router, entitlements, conversation]) app.server.closeAllConnections();
      await Promise.all(closing);
      await Promise.all([openAi.close(), stripe.close(), openMeteo.close()]);
      await testRedis.cleanup();
    },
  };
}
