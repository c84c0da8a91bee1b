import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Clock, systemClock } from '../clock.js';
import { HarkError } from '../errors.js';
import type { Keys } from '../keys.js';
import { bearerToken, secretsEqual } from '../secrets.js';
import { type Authenticated, type User, UserStore } from '../users.js';
import { enforceRequestBudget, type RequestBudget } from './rate-limit.js';

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
  keys: Keys;
  adminToken: string;
  cacheTtlMs: number;
  /** Ages the user cache; default the system clock. */
  clock?: Clock;
  /** Requests per API key and window (the router's /v1); counted in the same script as the key lookup. */
  requestBudget?: RequestBudget;
  /**
   * Told, for each /v1 request, the id of the user its key most likely belongs to, as early as it is
   * known (often before the key is confirmed), so the route's own reads can leave with the key
   * lookup. Whatever it starts must be used only if `request.user` turns out to be that user.
   */
  readAhead?: (request: FastifyRequest, userId: string) => void;
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
    // Nothing is read ahead for them: a client hammering past its budget costs one script a request.
    const overBudget = usersOverBudget(clock);
    app.decorate('users', users);
    app.decorateRequest('user', null);
    app.decorateRequest('apiKeyId', null);

    app.decorate('authenticateUser', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = bearerToken(request.headers.authorization);
      if (!key) throw new HarkError('UNAUTHORIZED');
      const budget = options.requestBudget;
      const { readAhead } = options;
      const readAheadFor =
        readAhead &&
        ((userId: string) => {
          if (!overBudget.has(userId)) readAhead(request, userId);
        });
      let found: Authenticated | null;
      if (budget) {
        const counted = await users.authenticateAndCount(key, budget.windowMs, readAheadFor);
        if (counted) {
          if (counted.requests.count > budget.max)
            overBudget.add(counted.user.id, counted.requests.resetInMs);
          enforceRequestBudget(reply, budget, counted.requests);
        }
        found = counted;
      } else {
        found = await users.authenticate(key, readAheadFor);
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

/** Users refused for their request budget, each until its window resets (the most recent `max` of them). */
function usersOverBudget(clock: Clock, max = 10_000) {
  const until = new Map<string, number>();
  return {
    has(userId: string): boolean {
      const end = until.get(userId);
      if (end === undefined) return false;
      if (end > clock.now().getTime()) return true;
      until.delete(userId);
      return false;
    },
    add(userId: string, forMs: number): void {
      until.delete(userId);
      if (until.size >= max) until.delete(until.keys().next().value!);
      until.set(userId, clock.now().getTime() + forMs);
    },
  };
}

/** The authenticated user of a /v1 route (the hook guarantees one). */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new HarkError('UNAUTHORIZED');
  return request.user;
}
