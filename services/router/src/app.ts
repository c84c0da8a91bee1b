import {
  type Clock,
  createBaseServer,
  documentRequestBudget,
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
  subscriberPlugin,
  systemClock,
} from '@hark/core';
import { entitlementKeys, entitlementsPlugin } from '@hark/entitlements-client';
import { interactionKeys } from '@hark/interactions';
import { cachedRecognize } from '@hark/nlu';
import { ProfileStore, profileKeys } from '@hark/profiles';
import { Scheduler, schedulingKeys } from '@hark/scheduling';
import {
  createDefaultSkills,
  createOpenMeteoClient,
  createScheduledItems,
  ListStore,
  limitsFromConfig,
  limitsFromPlan,
  type ScheduledItems,
  type SkillRegistry,
  skillKeys,
} from '@hark/skills';
import { AuditLog, authPlugin, userKeys } from '@hark/users';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type ConversationClient, createConversationClient } from './conversation/conversation-client.js';
import { createVoiceClient, type VoiceClient } from './conversation/voice-client.js';
import { EventHub } from './events/event-hub.js';
import { routerKeys } from './router-keys.js';
import { adminOperatorRoutes } from './routes/admin-operator-routes.js';
import { adminUserRoutes } from './routes/admin-user-routes.js';
import { alarmRoutes } from './routes/alarm-routes.js';
import { converseRoutes } from './routes/converse-routes.js';
import {
  entitlementsProxy,
  operatorProxyPaths,
  userProxyPaths,
  webhookProxyPaths,
} from './routes/entitlements-proxy.js';
import { eventRoutes } from './routes/event-routes.js';
import { listRoutes } from './routes/list-routes.js';
import { nluRoutes } from './routes/nlu-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { reminderRoutes } from './routes/reminder-routes.js';
import { timerRoutes } from './routes/timer-routes.js';
import { voiceRoutes } from './routes/voice-routes.js';
import { webRoutes } from './routes/web-routes.js';
import type { AnsweredTurn, TurnDependencies } from './turns/converse-turn.js';
import { InteractionLog, recordAnsweredTurn } from './turns/interaction-log.js';
import { SessionStore } from './turns/session-store.js';
import { SpeechLinks } from './voice/speech-links.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The keys of this deployment (REDIS_PREFIX); each owner's key set builds on it. */
    keys: KeySpace;
    /** Timers, alarms and reminders: the services voice and REST share, and the scheduler's handler. */
    scheduled: ScheduledItems;
    scheduler: Scheduler;
  }
}

const VERSION = '0.1.0';

export interface RouterOptions {
  config: HarkConfig;
  /** An existing Redis client (tests); otherwise one is created from REDIS_URL (or REDIS_CLUSTER_NODES) and closed with the app. */
  redis?: RedisClient;
  clock?: Clock;
  skills?: SkillRegistry;
  logger?: FastifyServerOptions['logger'];
  /** Fire due items from this instance (default true); tests that drive firing by hand turn it off. */
  startScheduler?: boolean;
  /** The premium path; default: services/conversation at CONVERSATION_URL; null turns it off. */
  conversation?: ConversationClient | null;
  /** Server-side speech; default: services/conversation at CONVERSATION_URL; null turns it off. */
  voice?: VoiceClient | null;
  /** The recogniser behind /v1/converse and /v1/nlu/parse; default: @hark/nlu's, with a small cache. */
  recognize?: TurnDependencies['recognize'];
}

/** Builds the router service: every plugin and route, ready for `listen` or `inject`. */
export async function buildRouter(options: RouterOptions): Promise<FastifyInstance> {
  const { config } = options;
  const keys = keySpace(config.REDIS_PREFIX);
  const clock = options.clock ?? systemClock;
  const app = createBaseServer(options);
  app.decorate('keys', keys);

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin, securityOptionsFrom(config));
  await app.register(
    redisPlugin,
    options.redis ? { client: options.redis } : { target: redisTargetOf(config) },
  );
  await app.register(subscriberPlugin);
  await app.register(entitlementsPlugin, {
    keys: entitlementKeys(keys),
    clock,
    cacheTtlMs: config.ENTITLEMENTS_CACHE_TTL_MS,
  });
  await app.register(metricsPlugin, metricsOptionsFrom(config));
  await app.register(openApiPlugin, { version: VERSION });
  const scheduled = setUpScheduling(app, options, clock);
  const skillDependencies = {
    redis: app.redis,
    keys: skillKeys(keys),
    clock,
    scheduled,
    openMeteo: { forecastUrl: config.WEATHER_API_URL, geocodingUrl: config.GEOCODING_API_URL },
    warn: (context: Record<string, unknown>, message: string) => app.log.warn(context, message),
  };
  const recognizer = options.recognize ?? cachedRecognize();
  const turns = turnDependencies(
    app,
    options,
    clock,
    () => createDefaultSkills(skillDependencies),
    recognizer,
  );
  await app.register(authPlugin, {
    keys: userKeys(keys),
    adminToken: config.ADMIN_TOKEN,
    cacheTtlMs: config.AUTH_CACHE_TTL_MS,
    clock,
    requestBudget: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    authFailures: { max: config.AUTH_FAILURE_LIMIT, windowMs: config.AUTH_FAILURE_WINDOW_MS },
  });
  await app.register(healthRoutes);
  await app.register(async (v1) => {
    v1.addHook('onRequest', v1.authenticateUser);
    documentRequestBudget(v1);
    await v1.register(nluRoutes, { clock, recognize: recognizer });
    await v1.register(converseRoutes, { turns });
    await v1.register(voiceRoutes, {
      turns,
      entitlements: app.entitlements,
      voice:
        options.voice === undefined
          ? createVoiceClient({
              baseUrl: config.CONVERSATION_URL,
              internalToken: config.INTERNAL_TOKEN,
              timeoutMs: config.SPEECH_TIMEOUT_MS + 5_000,
            })
          : options.voice,
      links: new SpeechLinks(app.redis, routerKeys(keys)),
    });
    await v1.register(timerRoutes, { timers: scheduled.timers });
    await v1.register(alarmRoutes, { alarms: scheduled.alarms });
    await v1.register(reminderRoutes, { reminders: scheduled.reminders });
    await v1.register(listRoutes, { lists: new ListStore(app.redis, skillKeys(keys), clock) });
    await v1.register(profileRoutes, {
      profiles: turns.profiles,
      geocoder: createOpenMeteoClient(skillDependencies),
    });
    await v1.register(eventRoutes, {
      hub: new EventHub(app.subscriber, schedulingKeys(keys)),
      keys: schedulingKeys(keys),
      heartbeatMs: config.SSE_HEARTBEAT_MS,
      maxStreamsPerUser: config.EVENT_STREAMS_PER_USER,
    });
    await v1.register(entitlementsProxy, {
      upstream: config.ENTITLEMENTS_URL,
      paths: userProxyPaths,
      rateLimited: true,
      countedStampSecret: config.INTERNAL_TOKEN,
    });
  });
  await app.register(async (admin) => {
    admin.addHook('onRequest', admin.authenticateOperator);
    const audit = new AuditLog(app.redis, userKeys(keys), clock);
    await admin.register(adminUserRoutes, { audit, maxKeysPerUser: config.API_KEYS_PER_USER_MAX });
    await admin.register(adminOperatorRoutes, { audit });
    // Any operator gets through here; the entitlement service checks the token again, and each of
    // its routes' roles (from the same contracts), before it answers.
    await admin.register(entitlementsProxy, {
      upstream: config.ENTITLEMENTS_URL,
      paths: operatorProxyPaths,
      operatorRole: 'viewer',
    });
  });
  // No credentials here: the entitlement service verifies Stripe's signature on the raw body.
  await app.register(entitlementsProxy, { upstream: config.ENTITLEMENTS_URL, paths: webhookProxyPaths });
  // The web client and operator console: static pages, no credentials, below every API route.
  await app.register(webRoutes);
  return app;
}

/** Timers, alarms and reminders, and the scheduler that fires them from ready until close. */
function setUpScheduling(app: FastifyInstance, options: RouterOptions, clock: Clock): ScheduledItems {
  const { config } = options;
  const keys = schedulingKeys(app.keys);
  const scheduler = new Scheduler({
    redis: app.redis,
    subscriber: app.subscriber,
    keys,
    clock,
    leaseMs: config.SCHEDULER_LEASE_MS,
    handler: (entries) => scheduled.handleDue(entries),
    onError: (error) => app.log.warn({ err: error }, 'scheduler could not claim due work; retrying'),
  });
  app.decorate('scheduler', scheduler);
  if (options.startScheduler !== false) {
    app.addHook('onReady', () => scheduler.start());
    app.addHook('preClose', () => scheduler.stop());
  }
  const scheduled = createScheduledItems({
    redis: app.redis,
    keys,
    clock,
    schedule: scheduler,
    // Timers follow the plan ("timers.max_active"); a kind the plan does not limit keeps the config limit.
    limits: limitsFromPlan(app.entitlements, limitsFromConfig(config)),
    streamCap: config.EVENTS_KEPT_PER_USER,
    onFireError: (error, member) =>
      app.log.error({ err: error, member }, 'firing a due item failed; retried'),
  });
  app.decorate('scheduled', scheduled);
  return scheduled;
}

/** Everything one /v1/converse turn needs: NLU, skills, sessions, profiles, entitlements, the premium path. */
function turnDependencies(
  app: FastifyInstance,
  options: RouterOptions,
  clock: Clock,
  defaultSkills: () => SkillRegistry,
  recognize: TurnDependencies['recognize'],
): TurnDependencies {
  const { config } = options;
  const interactions = new InteractionLog({
    redis: app.redis,
    keys: interactionKeys(app.keys),
    warn: (context, message) => app.log.warn(context, message),
  });
  app.addHook('preClose', () => interactions.close());
  return {
    recognize,
    skills: options.skills ?? defaultSkills(),
    sessions: new SessionStore(app.redis, routerKeys(app.keys), config.SESSION_TTL_SECONDS),
    profiles: new ProfileStore(app.redis, { ...userKeys(app.keys), ...profileKeys(app.keys) }),
    clock,
    entitlements: app.entitlements,
    conversation:
      options.conversation === undefined
        ? createConversationClient({
            baseUrl: config.CONVERSATION_URL,
            internalToken: config.INTERNAL_TOKEN,
            // The service bounds its own upstream calls; this only keeps a stuck service from holding a turn.
            timeoutMs: config.LLM_TOTAL_TIMEOUT_MS + 5_000,
          })
        : options.conversation,
    onAnswered: (turn: AnsweredTurn) => {
      app.metrics.intents.inc({ intent: turn.intent ?? 'none', handled_by: turn.handledBy });
      // LLM turns are recorded by the conversation service, which knows their tokens and cost.
      if (turn.handledBy !== 'llm') void recordAnsweredTurn(app, interactions, turn);
    },
  };
}
