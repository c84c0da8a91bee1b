/**
 * The one key builder: every Redis key Hark touches is built here.
 * Per-user keys carry a `{userId}` hash tag so that all of a user's keys land on one
 * Redis Cluster slot (multi-key commands and Lua scripts stay legal there).
 * The prefix lets several deployments, or several tests, share one Redis safely.
 */
export function createKeys(prefix: string) {
  const user = (userId: string) => `${prefix}{${userId}}`;
  return {
    prefix,
    /** Hash: id, name, timezone, createdAt. Owner: core/users. */
    user: (userId: string) => `${user(userId)}:user`,
    /** Set of the user's API key ids. Owner: core/users. */
    userApiKeys: (userId: string) => `${user(userId)}:apikeys`,
    /** String: SHA-256 hex of a key -> key id. Global lookup, so no user tag. Owner: core/users. */
    apiKeyByHash: (sha256Hex: string) => `${prefix}apikey:${sha256Hex}`,
    /** Hash: userId, hash, createdAt, hint. Owner: core/users. */
    apiKey: (keyId: string) => `${prefix}key:${keyId}`,
    /** String (JSON) with a TTL: a conversation session's context. Owner: router/sessions. */
    session: (userId: string, sessionId: string) => `${user(userId)}:session:${sessionId}`,
    /** Namespace handed to @fastify/rate-limit, which appends the API key id. */
    rateLimitNamespace: () => `${prefix}ratelimit:`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
