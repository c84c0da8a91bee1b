import { defineScripts } from '@hark/core';

const lua = (file: string) => new URL(`../lua/${file}`, import.meta.url);

/** The Lua scripts of packages/users/lua; each file's header lists KEYS, ARGV and output. */
export interface UserScripts {
  /** Resolves null for an unknown key, else [the lookup's value, requests in this window, ms until it resets]. */
  authenticateAndCount(
    lookup: string,
    counter: string,
    windowMs: number,
  ): Promise<[string, number, number] | null>;
  /** Counts one failed authentication; resolves [failures in this window, ms until it resets]. */
  countAuthFailure(counter: string, windowMs: number): Promise<[number, number]>;
}

export const userScripts = defineScripts<UserScripts>({
  authenticateAndCount: { file: lua('authenticate-and-count.lua'), keys: 2 },
  countAuthFailure: { file: lua('count-auth-failure.lua'), keys: 1 },
});
