import { hashTag, type KeySpace } from '@hark/core';

/** The Redis keys of users and their API keys (UserStore, the auth plugin). */
export function userKeys(space: KeySpace) {
  const apiKeyByHash = (sha256Hex: string) => space.global(`apikey:${sha256Hex}`);
  return {
    /** Hash: id, name, timezone, createdAt. @hark/profiles reads and writes its timezone field. */
    user: (userId: string) => space.user(userId, 'user'),
    /** Set of the user's API key ids. */
    userApiKeys: (userId: string) => space.user(userId, 'apikeys'),
    /** String: SHA-256 hex of a key -> "keyId userId" (keys made before 2026-11-27: the key id alone). Global lookup, so no user tag. */
    apiKeyByHash,
    /** Hash: userId, hash, createdAt, hint. */
    apiKey: (keyId: string) => space.global(`key:${keyId}`),
    /**
     * String (integer) with a TTL: an API key's requests in the current rate-limit window. Its hash
     * tag is the whole key lookup key (which has no braces: the prefix may not hold any), so the
     * two share a Cluster slot and one script reads the key and counts.
     */
    requestCount: (sha256Hex: string) => space.global(`ratelimit:${hashTag(apiKeyByHash(sha256Hex))}`),
    /**
     * String (integer) with a TTL: failed authentications (API keys and operator tokens) from one
     * client address in the current window (auth-throttle.ts). Global: each address on a slot of its
     * own, so an attack from many addresses spreads over the cluster; one key per script call.
     */
    authFailuresByAddress: (address: string) => space.global(`authfail:addr:${address}`),
    /** String (integer) with a TTL: failed authentications with one credential (its SHA-256 hex). */
    authFailuresByCredential: (sha256Hex: string) => space.global(`authfail:cred:${sha256Hex}`),
    /** String: SHA-256 hex of an operator token -> the operator's id. Global lookup, like API keys. */
    operatorByTokenHash: (sha256Hex: string) => space.global(`operator-token:${sha256Hex}`),
    /** Hash: id, name, role, createdAt, hint, hash (of the token). */
    operator: (operatorId: string) => space.slot('operators', `operator:${operatorId}`),
    /** Set of every operator id (the bootstrap operator of ADMIN_TOKEN is in none of these keys). */
    operatorIds: space.slot('operators', 'all'),
    /**
     * Stream: the audit log of operator changes (operator-audit.ts), written by the router and the
     * entitlement service. The name predates the router writing to it; it never changes.
     */
    operatorAudit: space.global('entitlements:audit'),
    /**
     * The operators' index of users (user-index.ts), on a slot of its own. Sorted set, every score
     * 0 so it orders by member: "<createdAt ISO> <userId>", oldest first.
     */
    usersByCreation: space.slot('user-index', 'by-created'),
    /** Sorted set, every score 0: "<lower-case id or name>\0<userId>", for prefix search. */
    userSearch: space.slot('user-index', 'search'),
    /** String: present once the users made before the index existed were added to it. */
    userIndexBackfilled: space.slot('user-index', 'backfilled'),
  };
}

export type UserKeys = ReturnType<typeof userKeys>;
