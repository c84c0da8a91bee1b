import { randomBytes } from 'node:crypto';
import {
  PREMIUM_GRANT_HEADER,
  PREMIUM_GRANT_PURPOSE,
  PREMIUM_GRANT_TTL_MS,
  type PremiumGrantClaims,
} from '@hark/contracts';
import { signToken } from '@hark/core';

/**
 * The header that tells the conversation service the premium gate let this call through: the claims
 * (user, session, plan, access, the quota taken and its period) with a fresh id, signed with
 * INTERNAL_TOKEN, good for one call within PREMIUM_GRANT_TTL_MS (wall clock).
 */
export function premiumGrantHeader(
  secret: string,
  claims: Omit<PremiumGrantClaims, 'id'>,
  nowMs: number = Date.now(),
): Record<string, string> {
  const grant = { id: randomBytes(18).toString('base64url'), ...claims };
  return {
    [PREMIUM_GRANT_HEADER]: signToken(secret, PREMIUM_GRANT_PURPOSE, grant, nowMs + PREMIUM_GRANT_TTL_MS),
  };
}
