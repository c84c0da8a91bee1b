/**
 * The rules every Redis key of Hark follows, in one place. Each owner declares its own keys with
 * them, next to the code that reads and writes them (`schedulingKeys` in @hark/scheduling,
 * `userKeys` in @hark/users, `entitlementKeys` in @hark/entitlements-client, ...):
 *
 * - Every key starts with the deployment's prefix, so several deployments, or tests, share one Redis.
 * - A user's keys carry the `{userId}` hash tag, so all of them land on one Redis Cluster slot and
 *   multi-key commands and scripts over one user stay legal there.
 * - Keys several users share are global (no tag: the whole key decides its slot), or share a named
 *   slot tag (`{schedule}`, `{insights}`) when one script or command must name them together.
 */
export interface KeySpace {
  readonly prefix: string;
  /** A key of one user, on the user's slot: `<prefix>{<userId>}:<name>`. */
  user(userId: string, name: string): string;
  /** A key of no user, slotted by its whole text: `<prefix><name>`. */
  global(name: string): string;
  /** A key on the named slot, shared with every key of that tag: `<prefix>{<tag>}:<name>`. */
  slot(tag: string, name: string): string;
}

/** The keys under `prefix` (the REDIS_PREFIX setting, or a test's own prefix). */
export function keySpace(prefix: string): KeySpace {
  return {
    prefix,
    user: (userId, name) => `${prefix}${hashTag(userId)}:${name}`,
    global: (name) => `${prefix}${name}`,
    slot: (tag, name) => `${prefix}${hashTag(tag)}:${name}`,
  };
}

/** `{value}`: on a Redis Cluster, only this part of a key decides its slot. */
export const hashTag = (value: string): string => `{${value}}`;
