import { type Operator, type OperatorRole, roleAllows } from '@hark/contracts';
import {
  bearerToken,
  type Clock,
  enforceRequestBudget,
  HarkError,
  type RequestBudget,
  type RequestCount,
  secretsEqual,
  systemClock,
} from '@hark/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AuthFailureLimit, AuthThrottle } from './auth-throttle.js';
import { bootstrapOperator, OperatorStore } from './operator-store.js';
import type { UserKeys } from './user-keys.js';
import { type Authenticated, type User, UserStore } from './user-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    users: UserStore;
    /** onRequest hook for /v1 routes: a valid API key, or 401; then the key's request budget, or 429. */
    authenticateUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    operators: OperatorStore;
    /**
     * onRequest hook for /admin routes: an operator token (a named one, or the bootstrap ADMIN_TOKEN)
     * whose role the route allows (its `config.operatorRole`; owner only when it names none), or
     * 401/403; 429 once guessing is throttled.
     */
    authenticateOperator(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    user: User | null;
    apiKeyId: string | null;
    /** The operator of an /admin request (authenticateOperator sets it). */
    operator: Operator | null;
  }
  interface FastifyContextConfig {
    /** The least operator role an /admin route needs; without one, only an owner may call it. */
    operatorRole?: OperatorRole;
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
  /**
   * Requests whose key the budget was already counted for elsewhere (the router's signed stamp on what
   * it proxies, counted-stamp.ts): authenticated, not counted again. Default: none.
   */
  alreadyCounted?: (request: FastifyRequest, apiKey: string) => boolean;
  /** Failed authentications allowed per client address and per credential (auth-throttle.ts). */
  authFailures?: AuthFailureLimit;
}

/** AUTH_FAILURE_LIMIT and AUTH_FAILURE_WINDOW_MS's defaults, for a plugin registered without them. */
const defaultAuthFailures: AuthFailureLimit = { max: 20, windowMs: 300_000 };

/**
 * API keys (stored hashed, cached briefly) for users, with a request budget per key where one
 * is given; named operator tokens with roles (stored hashed), and the bootstrap token (ADMIN_TOKEN,
 * an owner) for operators. Failed attempts of either are throttled (auth-throttle.ts).
 * A user's key never opens /admin and the operator token is not a user.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, options) => {
    const clock = options.clock ?? systemClock;
    const users = new UserStore(app.redis, options.keys, clock, options.cacheTtlMs);
    const throttle = new AuthThrottle(app.redis, options.keys, options.authFailures ?? defaultAuthFailures);
    const operators = new OperatorStore(app.redis, options.keys, clock);
    app.decorate('users', users);
    app.decorate('operators', operators);
    app.decorateRequest('user', null);
    app.decorateRequest('apiKeyId', null);
    app.decorateRequest('operator', null);

    app.decorate('authenticateUser', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = bearerToken(request.headers.authorization);
      if (!key) throw new HarkError('UNAUTHORIZED');
      const counts = options.requestBudget && !options.alreadyCounted?.(request, key);
      const budget = counts ? options.requestBudget : undefined;
      // The address's failure count is read in the same round trip as the key.
      const [found] = await Promise.all([
        budget ? users.authenticateAndCount(key, budget.windowMs) : users.authenticate(key),
        throttle.admit(request, reply),
      ]);
      if (!found) return throttle.refuse(request, reply, key, 'api key', 'UNAUTHORIZED');
      const counted = found as Authenticated & { requests?: RequestCount };
      if (budget && counted.requests) enforceRequestBudget(reply, budget, counted.requests);
      request.user = found.user;
      request.apiKeyId = found.keyId;
    });

    app.decorate('authenticateOperator', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new HarkError('UNAUTHORIZED');
      const [operator] = await Promise.all([
        secretsEqual(token, options.adminToken) ? bootstrapOperator : operators.authenticate(token),
        throttle.admit(request, reply),
      ]);
      if (!operator) return throttle.refuse(request, reply, token, 'operator token', 'FORBIDDEN');
      request.operator = operator;
      const required = request.routeOptions.config.operatorRole ?? 'owner';
      if (!roleAllows(operator.role, required)) {
        throw new HarkError('INSUFFICIENT_ROLE', { role: operator.role, required });
      }
    });
  },
  { name: 'hark-auth', dependencies: ['hark-redis'], fastify: '5.x' },
);

/** The authenticated user of a /v1 route (the hook guarantees one). */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new HarkError('UNAUTHORIZED');
  return request.user;
}
