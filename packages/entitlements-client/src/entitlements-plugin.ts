import type { Clock } from '@hark/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { EntitlementKeys } from './entitlement-keys.js';
import { createEntitlementsClient, type EntitlementsClient } from './entitlements-client.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Cached entitlement checks and atomic quotas of packages/entitlements-client. */
    entitlements: EntitlementsClient;
  }
}

export interface EntitlementsPluginOptions {
  keys: EntitlementKeys;
  clock: Clock;
  cacheTtlMs: number;
}

/** Decorates `app.entitlements`, following change messages on the instance's pub/sub connection. */
export const entitlementsPlugin = fp<EntitlementsPluginOptions>(
  async (app: FastifyInstance, options) => {
    const client = createEntitlementsClient({
      redis: app.redis,
      subscriber: app.subscriber,
      keys: options.keys,
      clock: options.clock,
      cacheTtlMs: options.cacheTtlMs,
      onProblem: (problem, context) => app.log.warn(context, problem),
    });
    await client.start();
    app.decorate('entitlements', client);
    app.addHook('onClose', () => client.stop());
  },
  { name: 'hark-entitlements-client', dependencies: ['hark-redis', 'hark-subscriber'], fastify: '5.x' },
);
