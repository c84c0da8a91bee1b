import { readFileSync } from 'node:fs';
import type { RedisClient } from './redis.js';

/** One Lua script: a file whose header lists KEYS, ARGV and output. */
export interface LuaScript {
  /** The .lua file, e.g. `new URL('../lua/claim-due.lua', import.meta.url)`. */
  file: URL;
  /** How many of the arguments are KEYS; null: the caller passes that number first (a variable key list). */
  keys: number | null;
}

/** Every command name defined so far, with its script: two owners must not claim one name. */
const definedNames = new Map<string, string>();

/**
 * An owner's Lua scripts as typed commands of a Redis client. `Commands` declares each script's
 * signature (arguments in the order of its header: KEYS, then ARGV); TypeScript only passes
 * arguments. The files are read once, here; ioredis then sends EVALSHA and falls back to EVAL once
 * per connection, so the scripts survive a Redis restart or failover.
 */
export function defineScripts<Commands>(
  scripts: {
    [Name in keyof Commands]: LuaScript;
  },
): (redis: RedisClient) => Commands {
  const loaded = Object.entries<LuaScript>(scripts).map(([name, script]) => {
    const lua = readFileSync(script.file, 'utf8');
    const claimed = definedNames.get(name);
    if (claimed !== undefined && claimed !== lua) throw new Error(`two Lua scripts are named ${name}`);
    definedNames.set(name, lua);
    return { name, definition: { lua, numberOfKeys: script.keys ?? undefined } };
  });
  const registered = new WeakSet<RedisClient>();
  return (redis) => {
    if (!registered.has(redis)) {
      for (const { name, definition } of loaded) redis.defineCommand(name, definition);
      registered.add(redis);
    }
    return redis as unknown as Commands;
  };
}
