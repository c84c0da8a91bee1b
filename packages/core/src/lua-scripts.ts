import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/**
 * The Lua scripts of packages/core/lua, each a file whose header lists KEYS, ARGV and
 * output. TypeScript only passes arguments. ioredis sends EVALSHA and falls back to EVAL
 * once per connection, so scripts survive a Redis restart or failover.
 */
const scripts = {
  claimDue: { file: 'claim-due.lua', keys: 2 },
  compareAndSetItem: { file: 'compare-and-set-item.lua', keys: 3 },
} as const;

type ScriptName = keyof typeof scripts;

// From src/ or dist/ alike, the scripts are one level up.
const source = (file: string) => readFileSync(new URL(`../lua/${file}`, import.meta.url), 'utf8');
const loaded = Object.fromEntries(
  Object.entries(scripts).map(([name, script]) => [
    name,
    { lua: source(script.file), numberOfKeys: script.keys },
  ]),
) as Record<ScriptName, { lua: string; numberOfKeys: number }>;

export interface HarkScripts {
  claimDue(due: string, claimed: string, now: number, leaseMs: number, limit: number): Promise<string[]>;
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
}

const registered = new WeakSet<Redis>();

/** The scripts as commands of this client (defined once per client). */
export function harkScripts(redis: Redis): HarkScripts {
  if (!registered.has(redis)) {
    for (const [name, script] of Object.entries(loaded)) redis.defineCommand(name, script);
    registered.add(redis);
  }
  return redis as unknown as HarkScripts;
}
