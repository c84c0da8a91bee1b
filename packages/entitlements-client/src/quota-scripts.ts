import { defineScripts } from '@hark/core';

const lua = (file: string) => new URL(`../lua/${file}`, import.meta.url);

/** The Lua scripts of packages/entitlements-client/lua; each file's header lists KEYS, ARGV and output. */
export interface QuotaScripts {
  /** Resolves [allowed (1 or 0), used after the call]. */
  consumeQuota(usage: string, amount: number, limit: number, ttlSeconds: number): Promise<[number, number]>;
  /** Resolves the usage after the call. */
  refundQuota(usage: string, amount: number): Promise<number>;
}

export const quotaScripts = defineScripts<QuotaScripts>({
  consumeQuota: { file: lua('consume-quota.lua'), keys: 1 },
  refundQuota: { file: lua('refund-quota.lua'), keys: 1 },
});
