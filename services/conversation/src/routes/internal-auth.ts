import { INTERNAL_TOKEN_HEADER } from '@hark/contracts';
import { HarkError, secretsEqual } from '@hark/core';
import type { FastifyRequest } from 'fastify';

/**
 * onRequest hook for /internal routes: only Hark's own services call them, proving it with the
 * shared INTERNAL_TOKEN. Missing -> 401, wrong -> 403 (compared in constant time).
 */
export function requireInternalToken(expected: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const given = request.headers[INTERNAL_TOKEN_HEADER];
    if (typeof given !== 'string' || given === '') throw new HarkError('INTERNAL_TOKEN_REQUIRED');
    if (!secretsEqual(given, expected)) throw new HarkError('FORBIDDEN');
  };
}
