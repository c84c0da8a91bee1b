import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HarkError } from '../errors.js';
import type { Keys } from '../keys.js';

export interface RateLimitOptions {
  keys: Keys;
  max: number;
  windowMs: number;
}

/**
 * Per API key request budget, counted in Redis so every router instance shares it.
 * Runs as a preHandler, after authentication, so the budget belongs to the key, not the IP.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: options.max,
    timeWindow: options.windowMs,
    redis: app.redis,
    nameSpace: options.keys.rateLimitNamespace(),
    skipOnError: false,
    keyGenerator: (request) => request.apiKeyId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      new HarkError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}
