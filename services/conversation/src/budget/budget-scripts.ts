import { defineScripts } from '@hark/core';

const lua = (file: string) => new URL(`../../lua/${file}`, import.meta.url);

/** The Lua scripts of services/conversation/lua; each file's header lists KEYS, ARGV and output. */
export interface BudgetScripts {
  /** Resolves [held (1 or 0), spent, reserved] in micro-USD. */
  reserveBudget(
    ledger: string,
    reservations: string,
    id: string,
    amount: number,
    budget: number,
    nowMs: number,
    lapsesAtMs: number,
    ttlSeconds: number,
  ): Promise<[number, number, number]>;
  /** Resolves the month's settled cost after the call. */
  settleBudget(
    ledger: string,
    reservations: string,
    member: string,
    cost: number,
    ttlSeconds: number,
  ): Promise<number>;
}

export const budgetScripts = defineScripts<BudgetScripts>({
  reserveBudget: { file: lua('reserve-budget.lua'), keys: 2 },
  settleBudget: { file: lua('settle-budget.lua'), keys: 2 },
});
