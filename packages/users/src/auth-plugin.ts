import {
  bearerToken,
  type Clock,
  enforceRequestBudget,
  HarkError,
  type RequestBudget,
  secretsEqual,
  systemClock,
} from '@hark/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserKeys } from './user-keys.js';
import { type Authenticated, type User, UserStore } from './user-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    users: UserStore;
    /** onRequest hook for /v1 routes: a valid API key, or 401; then the key's request budget, or 429. */
    authenticateUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook for /admin routes: the operator token, or 401/403. */
    authenticateOperator(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    user: User | null;
    apiKeyId: string | null;
  }
}

export interface AuthPluginOptions {
  keys: UserKeys;
  adminToken: string;
  cacheTtlMs: number;
  /** Ages the user cache; default the system clock. */
  clock?: Clock;
  /** Requests per API key and window (the router's /v1); counted in the same script as the key lookup. */
  requestBudget?: RequestBudget;
}

/**
 * API keys (stored hashed, cached briefly) for users, with a request budget per key where one
 * is given, and one bearer token for operators.
 * A user's key never opens /admin and the operator token is not a user.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, options) => {
    const clock = options.clock ?? systemClock;
    const users = new UserStore(app.redis, options.keys, clock, options.cacheTtlMs);
    app.decorate('users', users);
    app.decorateRequest('user', null);
    app.decorateRequest('apiKeyId', null);

    app.decorate('authenticateUser', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = bearerToken(request.headers.authorization);
      if (!key) throw new HarkError('UNAUTHORIZED');
      const budget = options.requestBudget;
      let found: Authenticated | null;
      if (budget) {
        const counted = await users.authenticateAndCount(key, budget.windowMs);
        if (counted) enforceRequestBudget(reply, budget, counted.requests);
        found = counted;
      } else {
        found = await users.authenticate(key);
      }
      if (!found) throw new HarkError('UNAUTHORIZED');
      request.user = found.user;
      request.apiKeyId = found.keyId;
    });

    app.decorate('authenticateOperator', async (request: FastifyRequest) => {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new HarkError('UNAUTHORIZED');
      if (!secretsEqual(token, options.adminToken)) throw new HarkError('FORBIDDEN');
    });
  },
  { name: 'hark-auth', dependencies: ['hark-redis'], fastify: '5.x' },
);

/** The authenticated user of a /v1 route (the hook guarantees one). */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new HarkError('UNAUTHORIZED');
  return request.user;
}
