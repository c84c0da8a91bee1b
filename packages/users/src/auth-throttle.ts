import { isIP } from 'node:net';
import { HarkError, type RedisClient, sha256Hex } from '@hark/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserKeys } from './user-keys.js';
import { type UserScripts, userScripts } from './user-scripts.js';

/** Failed authentications allowed per client address, and per credential, in one window. */
export interface AuthFailureLimit {
  max: number;
  windowMs: number;
}

/** What kind of credential failed, for the log line. */
export type CredentialKind = 'api key' | 'operator token';

/** A credential in logs: the first 12 hex digits of its SHA-256, never the credential itself. */
export const credentialFingerprint = (credential: string): string => sha256Hex(credential).slice(0, 12);

/**
 * A client address as a key part: an IP address as it is; anything else (a forwarded header a
 * proxy passed through unchecked) hashed, so a caller cannot make the key long or odd.
 */
const addressPart = (address: string): string =>
  isIP(address) ? address : `other-${sha256Hex(address).slice(0, 16)}`;

const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Throttles guessing: every failed authentication (an unknown API key, a wrong operator token) counts
 * against the client's address and against the credential's hash, in Redis, so all instances share
 * the counts. Once either reaches `max` in a window, the answer is 429 HARK_ERR_AUTH_THROTTLED with
 * Retry-After; and an address at its limit is refused before its credential is even looked at, a
 * correct one included, until the window ends. Successful authentications count nothing and reset
 * nothing (a guesser holding one valid key could otherwise wipe its own record).
 */
export class AuthThrottle {
  private readonly scripts: UserScripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: UserKeys,
    private readonly limit: AuthFailureLimit,
  ) {
    this.scripts = userScripts(redis);
  }

  /** Throws 429 when the address has used up its failures in this window; one GET otherwise. */
  async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const key = this.keys.authFailuresByAddress(addressPart(request.ip));
    const failures = Number(await this.redis.get(key));
    if (failures < this.limit.max) return;
    const leftMs = await this.redis.pttl(key);
    throw throttled(reply, leftMs > 0 ? leftMs : this.limit.windowMs);
  }

  /**
   * Counts a failed authentication and throws: 429 once the address or the credential has reached
   * its limit, else `refusal` (401 or 403). Logged at warn with the address and the credential's
   * fingerprint.
   */
  async refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    credential: string,
    kind: CredentialKind,
    refusal: 'UNAUTHORIZED' | 'FORBIDDEN',
  ): Promise<never> {
    const address = request.ip;
    const windowMs = this.limit.windowMs;
    const [byAddress, byCredential] = await Promise.all([
      this.scripts.countAuthFailure(this.keys.authFailuresByAddress(addressPart(address)), windowMs),
      this.scripts.countAuthFailure(this.keys.authFailuresByCredential(sha256Hex(credential)), windowMs),
    ]);
    const over = [byAddress, byCredential].filter(([failures]) => failures > this.limit.max);
    request.log.warn(
      {
        address,
        credential: credentialFingerprint(credential),
        kind,
        failuresFromAddress: byAddress[0],
        failuresWithCredential: byCredential[0],
        throttled: over.length > 0,
      },
      `authentication failed: ${kind}`,
    );
    if (over.length > 0) throw throttled(reply, Math.max(...over.map(([, leftMs]) => leftMs)));
    throw new HarkError(refusal);
  }
}

function throttled(reply: FastifyReply, leftMs: number): HarkError {
  const seconds = retryAfterSeconds(leftMs);
  reply.header('retry-after', seconds);
  return new HarkError('AUTH_THROTTLED', { retryAfterSeconds: seconds }, { retryAfterSeconds: seconds });
}
