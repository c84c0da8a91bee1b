import { errorResponseSchema } from '@hark/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HarkError } from '../errors.js';

/** Requests one API key may make per window, counted in Redis so every instance shares it. */
export interface RequestBudget {
  max: number;
  windowMs: number;
}

/** A key's requests in the current rate-limit window, this one included. */
export interface RequestCount {
  count: number;
  resetInMs: number;
}

/**
 * The rate-limit answer for a request already counted (with its API-key lookup, in one script:
 * `UserStore.authenticateAndCount`): the `x-ratelimit-*` headers on every answer and, once
 * the budget is spent, 429 with `Retry-After`. The same headers @fastify/rate-limit sends.
 */
export function enforceRequestBudget(
  reply: FastifyReply,
  budget: RequestBudget,
  requests: RequestCount,
): void {
  const resetSeconds = Math.max(1, Math.ceil(requests.resetInMs / 1000));
  reply.header('x-ratelimit-limit', budget.max);
  reply.header('x-ratelimit-remaining', Math.max(0, budget.max - requests.count));
  reply.header('x-ratelimit-reset', resetSeconds);
  if (requests.count > budget.max) {
    reply.header('retry-after', resetSeconds);
    throw new HarkError('RATE_LIMITED', { retryAfterSeconds: resetSeconds });
  }
}

/**
 * Lists the budget's 429 answer in the OpenAPI description of every route registered in `app` from
 * now on that documents its answers, as enforceRequestBudget can refuse any of them.
 */
export function documentRequestBudget(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (route.schema && response && !('429' in response)) {
      route.schema.response = { ...response, 429: errorResponseSchema };
    }
  });
}
