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
  systemClock,
} from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { budgetGuardKeys, interactionKeys } from '@hark/interactions';
import { AuditLog, authPlugin, COUNTED_HEADER, systemActor, userKeys, wasCounted } from '@hark/users';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { Checkout } from './billing/checkout.js';
import { CustomerDirectory } from './billing/customer-directory.js';
import { MoneyRecorder } from './billing/money-recorder.js';
import { createStripeClient } from './billing/stripe-client.js';
import { SubscriptionSync } from './billing/subscription-sync.js';
import { entitlementsServiceKeys } from './entitlements-service-keys.js';
import { CustomerClassifier } from './insights/customer-class.js';
import { GrantLedger } from './insights/grant-ledger.js';
import { InsightsFolder } from './insights/insights-folder.js';
import { InsightsService } from './insights/insights-service.js';
import { InternalUserMarks } from './insights/internal-user-marks.js';
import { type CollectedRevenueReader, PeopleInsights } from './insights/people-insights.js';
import { RevenueLedger } from './insights/revenue-ledger.js';
import { UpgradeRecorder } from './insights/upgrade-recorder.js';
import { UserUsage } from './insights/user-usage.js';
import { defaultPlansSeedFile, readSeedPlans } from './plans/plan-seed.js';
import { PlanStore } from './plans/plan-store.js';
import { EntitlementView } from './projection/entitlement-view.js';
import { ProjectionStore } from './projection/projection-store.js';
import { adminAuditRoutes } from './routes/admin-audit-routes.js';
import { adminEntitlementRoutes } from './routes/admin-entitlement-routes.js';
import { adminInsightsRoutes } from './routes/admin-insights-routes.js';
import { adminInternalUserRoutes } from './routes/admin-internal-user-routes.js';
import { adminPlanRoutes } from './routes/admin-plan-routes.js';
import { adminStripeRoutes } from './routes/admin-stripe-routes.js';
import { billingRoutes } from './routes/billing-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { createStripeEventCounter, StripeEventProcessor } from './webhooks/stripe-event-processor.js';
import { type RetryPolicy, StripeEventQueue } from './webhooks/stripe-event-queue.js';
import { stripeWebhookRoutes } from './webhooks/stripe-webhook-routes.js';

/** The parts of the service, for server.ts and tests. */
export interface EntitlementService {
  /** The keys of this deployment (REDIS_PREFIX); each owner's key set builds on it. */
  keys: KeySpace;
  plans: PlanStore;
  projections: ProjectionStore;
  customers: CustomerDirectory;
  audit: AuditLog;
  view: EntitlementView;
  /** Null without Stripe keys. */
  sync: SubscriptionSync | null;
  queue: StripeEventQueue;
  /** Folds the interaction stream into the insights rollups (in the background, and on request). */
  insightsFolder: InsightsFolder;
}

declare module 'fastify' {
  interface FastifyInstance {
    entitlementService: EntitlementService;
  }
}

const VERSION = '0.1.0';

export interface EntitlementsOptions {
  config: HarkConfig;
  /** An existing Redis client (tests); otherwise one is created from REDIS_URL (or REDIS_CLUSTER_NODES) and closed with the app. */
  redis?: RedisClient;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** The plans written into an empty plans hash on start (default infra/plans.json). */
  plansSeedFile?: URL | string;
  /** Process queued Stripe events in this instance (default true). */
  startWorker?: boolean;
  /** What Stripe collected per month, plan and currency, for the insights margin (tests pass fixed figures). */
  collectedRevenue?: CollectedRevenueReader;
  /** Retry schedule of failed Stripe event jobs (default: about 3 days). */
  retry?: RetryPolicy;
}

/** Builds the entitlement service: plans, grants, kill switches, Stripe billing and webhooks, audit. */
export async function buildEntitlements(options: EntitlementsOptions): Promise<FastifyInstance> {
  const { config } = options;
  const keys = keySpace(config.REDIS_PREFIX);
  const serviceKeys = entitlementsServiceKeys(keys);
  const clock = options.clock ?? systemClock;
  const app = createBaseServer(options);

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin, securityOptionsFrom(config));
  await app.register(
    redisPlugin,
    options.redis ? { client: options.redis } : { target: redisTargetOf(config) },
  );
  await app.register(metricsPlugin, metricsOptionsFrom(config));
  await app.register(openApiPlugin, { version: VERSION });
  await app.register(authPlugin, {
    keys: userKeys(keys),
    adminToken: config.ADMIN_TOKEN,
    cacheTtlMs: config.AUTH_CACHE_TTL_MS,
    authFailures: { max: config.AUTH_FAILURE_LIMIT, windowMs: config.AUTH_FAILURE_WINDOW_MS },
    // The router's per-key budget, on the same Redis counter: a key cut off there is cut off here. What
    // the router proxies it has counted already, and stamped so (counted-stamp.ts): not counted twice.
    requestBudget: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    alreadyCounted: (request, apiKey) =>
      wasCounted(config.INTERNAL_TOKEN, request.headers[COUNTED_HEADER], apiKey, request),
  });
  await app.register(healthRoutes);

  const stripe = createStripeClient(config);
  const plans = new PlanStore(app.redis, entitlementKeys(keys), (problem, context) =>
    app.log.warn(context, problem),
  );
  const upgrades = new UpgradeRecorder({ redis: app.redis, keys: serviceKeys, plans, clock });
  const grants = new GrantLedger({ redis: app.redis, keys: serviceKeys, clock });
  const projections = new ProjectionStore(
    app.redis,
    entitlementKeys(keys),
    clock,
    [upgrades, grants],
    (context, message) => app.log.warn(context, message),
  );
  const insightsKeys = { ...serviceKeys, ...interactionKeys(keys), ...budgetGuardKeys(keys) };
  const classifier = new CustomerClassifier({
    redis: app.redis,
    keys: { ...serviceKeys, ...entitlementKeys(keys) },
    plans,
    clock,
  });
  const insightsFolder = new InsightsFolder({
    redis: app.redis,
    keys: insightsKeys,
    clock,
    classifier,
    log: app.log,
  });
  const internalUsers = new InternalUserMarks(app.redis, serviceKeys, clock);
  const customers = new CustomerDirectory(app.redis, serviceKeys);
  const audit = new AuditLog(app.redis, userKeys(keys), clock);
  const view = new EntitlementView({
    redis: app.redis,
    keys: { ...entitlementKeys(keys), ...interactionKeys(keys) },
    plans,
    projections,
    customers,
    clock,
  });
  const graceDays = config.STRIPE_PAST_DUE_GRACE_DAYS;
  const money = stripe
    ? new MoneyRecorder({
        stripe,
        redis: app.redis,
        keys: serviceKeys,
        plans,
        customers,
        clock,
        log: app.log,
      })
    : null;
  const sync = stripe
    ? new SubscriptionSync({
        stripe,
        redis: app.redis,
        keys: serviceKeys,
        plans,
        projections,
        customers,
        clock,
        graceDays,
        log: app.log,
        money: money ?? undefined,
        lockTtlMs: config.STRIPE_WORKER_LEASE_MS,
      })
    : null;
  const processor =
    sync &&
    new StripeEventProcessor({
      redis: app.redis,
      keys: serviceKeys,
      sync,
      money: money ?? undefined,
      counter: createStripeEventCounter(app.metrics.registry),
    });
  const queue = new StripeEventQueue({
    redis: redisTargetOf(config),
    prefix: serviceKeys.stripeQueuePrefix(),
    leaseMs: config.STRIPE_WORKER_LEASE_MS,
    process: async (job) => {
      if (!processor) throw new Error('a Stripe event was queued but Stripe is not configured here');
      await processor.process(job);
    },
    onFailure: (job, error, willRetry) => {
      if (job) processor?.count(job, willRetry ? 'retrying' : 'failed');
      app.log[willRetry ? 'warn' : 'error'](
        { err: error, eventId: job?.eventId },
        'Stripe event processing failed',
      );
    },
    ...(options.retry ? { retry: options.retry } : {}),
  });
  app.decorate('entitlementService', {
    keys,
    plans,
    projections,
    customers,
    audit,
    view,
    sync,
    queue,
    insightsFolder,
  });

  app.addHook('onReady', async () => {
    const seedPlans = await readSeedPlans(options.plansSeedFile ?? defaultPlansSeedFile, {
      premium: config.STRIPE_PRICE_PREMIUM,
    });
    for (const plan of await plans.seedIfEmpty(seedPlans)) {
      await audit.append({
        actor: systemActor,
        action: 'plan.seed',
        target: `plan:${plan.id}`,
        before: null,
        after: plan,
      });
    }
    if (processor) await queue.start(options.startWorker !== false);
    else app.log.warn('STRIPE_SECRET_KEY is not set: checkout, portal and webhooks answer 503; grants work');
  });
  app.addHook('onReady', async () => insightsFolder.start(config.INSIGHTS_FOLD_INTERVAL_MS));
  app.addHook('onClose', () => queue.close());
  // preClose: a fold in progress finishes while Redis is still open.
  app.addHook('preClose', () => insightsFolder.stop());

  const checkout = new Checkout({
    stripe,
    plans,
    projections,
    customers,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    money,
  });
  await app.register(async (v1) => {
    v1.addHook('onRequest', v1.authenticateUser);
    documentRequestBudget(v1);
    await v1.register(meRoutes, { view });
    await v1.register(billingRoutes, { checkout });
  });
  await app.register(async (admin) => {
    admin.addHook('onRequest', admin.authenticateOperator);
    await admin.register(adminPlanRoutes, { plans, audit });
    await admin.register(adminEntitlementRoutes, { plans, projections, view, audit, clock });
    await admin.register(adminAuditRoutes, { audit });
    await admin.register(adminStripeRoutes, { sync, audit, keys: serviceKeys });
    await admin.register(adminInternalUserRoutes, { marks: internalUsers, audit });
    await admin.register(adminInsightsRoutes, {
      insights: new InsightsService({
        redis: app.redis,
        keys: insightsKeys,
        clock,
        plans,
        folder: insightsFolder,
        people: new PeopleInsights({
          redis: app.redis,
          keys: serviceKeys,
          grants,
          marks: internalUsers,
          collectedRevenue:
            options.collectedRevenue ?? new RevenueLedger(app.redis, serviceKeys).collectedRevenue,
        }),
      }),
      usage: new UserUsage({
        redis: app.redis,
        keys: { ...interactionKeys(keys), ...budgetGuardKeys(keys) },
        clock,
        plans,
        view,
      }),
    });
  });
  await app.register(stripeWebhookRoutes, {
    stripe,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    queue,
    processor,
  });
  return app;
}
