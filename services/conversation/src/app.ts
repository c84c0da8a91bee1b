import {
  type Clock,
  createBaseServer,
  errorHandlerPlugin,
  type HarkConfig,
  healthRoutes,
  type KeySpace,
  keySpace,
  metricsOptionsFrom,
  metricsPlugin,
  openApiPlugin,
  type RedisClient,
  redisPlugin,
  redisTargetOf,
  securityOptionsFrom,
  securityPlugin,
  systemClock,
} from '@hark/core';
import { budgetGuardKeys, interactionKeys } from '@hark/interactions';
import type { SkillRegistry } from '@hark/skills';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { BudgetGuard } from './budget/budget-guard.js';
import { conversationKeys } from './conversation-keys.js';
import { createLlmGateway } from './llm/create-gateway.js';
import type { LlmGateway } from './llm/llm-gateway.js';
import { PriceList } from './llm/prices.js';
import { ConversationMemory } from './memory/conversation-memory.js';
import { tokenCounterFor } from './memory/token-count.js';
import { UsageMeter } from './metering/usage-meter.js';
import { requireInternalToken } from './routes/internal-auth.js';
import { PremiumGrants } from './routes/premium-grants.js';
import { turnRoutes } from './routes/turn-routes.js';
import { voiceRoutes } from './routes/voice-routes.js';
import { createSkillRegistry } from './skill-wiring.js';
import { buildSkillTools } from './tools/skill-tools.js';
import type { TurnServices } from './turns/turn-runner.js';
import { SpeechGateway } from './voice/speech-gateway.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The keys of this deployment (REDIS_PREFIX); each owner's key set builds on it. */
    keys: KeySpace;
    /** The models behind their circuit breakers. */
    llm: LlmGateway;
  }
}

const VERSION = '0.1.0';

export interface ConversationServiceOptions {
  config: HarkConfig;
  /** An existing Redis client (tests); otherwise one is created from REDIS_URL (or REDIS_CLUSTER_NODES) and closed with the app. */
  redis?: RedisClient;
  clock?: Clock;
  skills?: SkillRegistry;
  logger?: FastifyServerOptions['logger'];
  /** Transport for the LLM API; global fetch otherwise. */
  fetch?: typeof fetch;
}

/** Builds the conversation service (:3001): the premium LLM path, called by the router only. */
export async function buildConversationService(
  options: ConversationServiceOptions,
): Promise<FastifyInstance> {
  const { config } = options;
  const keys = keySpace(config.REDIS_PREFIX);
  const clock = options.clock ?? systemClock;
  const app = createBaseServer(options);
  app.decorate('keys', keys);

  await app.register(errorHandlerPlugin);
  // Only Hark's own services call this one: no browser origin is ever allowed (no CORS).
  await app.register(securityPlugin, { ...securityOptionsFrom(config), corsOrigins: [] });
  await app.register(
    redisPlugin,
    options.redis ? { client: options.redis } : { target: redisTargetOf(config) },
  );
  await app.register(metricsPlugin, metricsOptionsFrom(config));
  await app.register(openApiPlugin, { version: VERSION });
  // The LLM is deliberately not part of readiness: an upstream outage is answered per turn
  // (fallback models, circuit breaker), not by taking instances out of the load balancer.
  await app.register(healthRoutes);

  const gateway = createLlmGateway(config, {
    clock,
    log: app.log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  app.decorate('llm', gateway);
  const registry = options.skills ?? createSkillRegistry(app.redis, keys, clock, config, app.log);
  const prices = new PriceList(config.LLM_PRICES);
  const services: TurnServices = {
    gateway,
    registry,
    tools: buildSkillTools(registry),
    memory: new ConversationMemory(app.redis, conversationKeys(keys), {
      maxTokens: config.LLM_MEMORY_MAX_TOKENS,
      ttlSeconds: config.LLM_MEMORY_TTL_SECONDS,
      countTokens: tokenCounterFor(config.LLM_MODEL),
    }),
    meter: new UsageMeter(app.redis, interactionKeys(keys), clock),
    prices,
    clock,
    maxToolRounds: config.LLM_MAX_TOOL_ROUNDS,
    toolSelection: config.LLM_TOOL_SELECTION,
    sendPromptCacheKey: config.LLM_PROMPT_CACHE_KEY,
    firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
    totalTimeoutMs: config.LLM_TOTAL_TIMEOUT_MS,
    log: app.log,
    budget: new BudgetGuard(app.redis, budgetGuardKeys(keys), prices, clock, {
      stepDownShare: config.LLM_BUDGET_STEP_DOWN_SHARE,
      maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
      // A turn is aborted after LLM_TOTAL_TIMEOUT_MS; its holds are settled well before this.
      holdMs: config.LLM_TOTAL_TIMEOUT_MS + 60_000,
    }),
  };
  // The internal token says the caller is a Hark service; a premium grant says what it may spend.
  const grants = new PremiumGrants({
    secret: config.INTERNAL_TOKEN,
    redis: app.redis,
    keys: conversationKeys(keys),
  });
  await app.register(async (internal) => {
    internal.addHook('onRequest', requireInternalToken(config.INTERNAL_TOKEN));
    await internal.register(turnRoutes, { services, grants });
    const speech = new SpeechGateway({
      config,
      redis: app.redis,
      keys: conversationKeys(keys),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    await internal.register(voiceRoutes, { speech, grants });
  });
  return app;
}
