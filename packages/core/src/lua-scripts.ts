import { readFileSync } from 'node:fs';
import type { RedisClient } from './redis.js';

/**
 * The Lua scripts of packages/core/lua, each a file whose header lists KEYS, ARGV and
 * output. TypeScript only passes arguments. ioredis sends EVALSHA and falls back to EVAL
 * once per connection, so scripts survive a Redis restart or failover.
 */
const scripts = {
  authenticateAndCount: { file: 'authenticate-and-count.lua', keys: 2 },
  claimDue: { file: 'claim-due.lua', keys: 2 },
  scheduleDue: { file: 'schedule-due.lua', keys: 1 },
  compareAndSetItem: { file: 'compare-and-set-item.lua', keys: 3 },
  compareAndSetJson: { file: 'compare-and-set-json.lua', keys: 1 },
  releaseLock: { file: 'release-lock.lua', keys: 1 },
  extendLock: { file: 'extend-lock.lua', keys: 1 },
  consumeQuota: { file: 'consume-quota.lua', keys: 1 },
  refundQuota: { file: 'refund-quota.lua', keys: 1 },
  // null: the caller passes the number of keys first (a batch names as many rollup keys as it touches).
  foldInsights: { file: 'fold-insights.lua', keys: null },
  recordUpgrade: { file: 'record-upgrade.lua', keys: 3 },
} as const;

type ScriptName = keyof typeof scripts;

// From src/ or dist/ alike, the scripts are one level up.
const source = (file: string) => readFileSync(new URL(`../lua/${file}`, import.meta.url), 'utf8');
const loaded = Object.fromEntries(
  Object.entries(scripts).map(([name, script]) => [
    name,
    { lua: source(script.file), numberOfKeys: script.keys ?? undefined },
  ]),
) as Record<ScriptName, { lua: string; numberOfKeys?: number }>;

export interface HarkScripts {
  /** Resolves null for an unknown key, else [the lookup's value, requests in this window, ms until it resets]. */
  authenticateAndCount(
    lookup: string,
    counter: string,
    windowMs: number,
  ): Promise<[string, number, number] | null>;
  claimDue(due: string, claimed: string, now: number, leaseMs: number, limit: number): Promise<string[]>;
  /** Resolves 1 when the member is new, 0 when it was already scheduled (its due time is then updated). */
  scheduleDue(due: string, dueAt: number, member: string, channel: string): Promise<number>;
  compareAndSetItem(
    item: string,
    index: string,
    events: string,
    expectedVersion: number,
    itemJson: string,
    itemId: string,
    indexScore: number,
    ttlSeconds: number,
    eventType: string,
    eventData: string,
    streamCap: number,
    channel: string,
  ): Promise<string | null>;
  /** Resolves 1 when written (and published), 0 when the document changed since it was read. */
  compareAndSetJson(
    key: string,
    expectedJson: string,
    newJson: string,
    channel: string,
    message: string,
  ): Promise<number>;
  /** Resolves 1 when released, 0 when the lock was gone or held by another token. */
  releaseLock(lock: string, token: string): Promise<number>;
  /** Resolves 1 when the lock's TTL was renewed, 0 when it was gone or held by another token. */
  extendLock(lock: string, token: string, ttlMs: number): Promise<number>;
  /** Resolves [allowed (1 or 0), used after the call]. */
  consumeQuota(usage: string, amount: number, limit: number, ttlSeconds: number): Promise<[number, number]>;
  /** Resolves the usage after the call. */
  refundQuota(usage: string, amount: number): Promise<number>;
  /** Resolves 1 when the batch was committed, 0 when another folder moved the cursor first. */
  foldInsights(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
  /** Resolves 1 when this was the user's first move onto a priced plan, else 0. */
  recordUpgrade(
    upgrades: string,
    gateHits: string,
    gateDays: string,
    userId: string,
    atMs: number,
    planId: string,
    source: string,
    day: string,
  ): Promise<number>;
}

const registered = new WeakSet<RedisClient>();

/** The scripts as commands of this client (defined once per client). */
export function harkScripts(redis: RedisClient): HarkScripts {
  if (!registered.has(redis)) {
    for (const [name, script] of Object.entries(loaded)) redis.defineCommand(name, script);
    registered.add(redis);
  }
  return redis as unknown as HarkScripts;
}
