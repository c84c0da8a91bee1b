import {
  PREMIUM_GRANT_HEADER,
  PREMIUM_GRANT_PURPOSE,
  type PremiumGrantClaims,
  premiumGrantClaimsSchema,
} from '@hark/contracts';
import { HarkError, type RedisClient, verifyToken } from '@hark/core';
import type { FastifyRequest } from 'fastify';
import type { ConversationKeys } from '../conversation-keys.js';

/** What a call must be granted: its use, for whom, and (turns) in which session. */
export interface GrantExpectation {
  use: PremiumGrantClaims['use'];
  userId?: string;
  sessionId?: string;
}

export interface PremiumGrantsOptions {
  /** INTERNAL_TOKEN: the router signs grants with it. */
  secret: string;
  redis: RedisClient;
  keys: Pick<ConversationKeys, 'usedGrant'>;
  /** Wall-clock ms (grants expire in real time, whatever clock the turns run on). */
  now?: () => number;
}

const refused = (reason: string) => new HarkError('GRANT_INVALID', { reason }, { reason });

/**
 * The conversation service's own check of every call that spends money upstream: the router's premium
 * gate decided (packages/premium) and took the quota; its signed, short-lived, one-use grant says so for
 * this user, session and use. Nothing in the body is believed: a forged, expired, replayed or borrowed
 * grant, or none, is 403 HARK_ERR_GRANT_INVALID before anything reaches a model.
 */
export class PremiumGrants {
  private readonly now: () => number;

  constructor(private readonly options: PremiumGrantsOptions) {
    this.now = options.now ?? Date.now;
  }

  async check(request: FastifyRequest, expected: GrantExpectation): Promise<PremiumGrantClaims> {
    const token = request.headers[PREMIUM_GRANT_HEADER];
    if (typeof token !== 'string' || token === '') throw refused('missing');
    const now = this.now();
    const verified = verifyToken(this.options.secret, PREMIUM_GRANT_PURPOSE, token, now);
    if (!verified.ok) throw refused(verified.reason);
    const parsed = premiumGrantClaimsSchema.safeParse(verified.claims);
    if (!parsed.success) throw refused('malformed');
    const grant = parsed.data;
    if (grant.use !== expected.use) throw refused('use');
    if (expected.userId !== undefined && grant.userId !== expected.userId) throw refused('user');
    if (expected.sessionId !== undefined && grant.sessionId !== expected.sessionId) throw refused('session');
    // One use: the grant id is remembered for as long as the grant could still be presented.
    const ttlMs = Math.max(1, (verified.claims.exp as number) - now) + 1_000;
    const first = await this.options.redis.set(
      this.options.keys.usedGrant(grant.userId, grant.id),
      '1',
      'PX',
      ttlMs,
      'NX',
    );
    if (first !== 'OK') throw refused('reused');
    return grant;
  }
}
