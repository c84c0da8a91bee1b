import { defineScripts } from '@hark/core';

const lua = (file: string) => new URL(`../lua/${file}`, import.meta.url);

/** The Lua scripts of packages/scheduling/lua; each file's header lists KEYS, ARGV and output. */
export interface SchedulingScripts {
  /** Resolves the members claimed, then the earliest due time left ("" when none). */
  claimDue(due: string, claimed: string, now: number, leaseMs: number, limit: number): Promise<string[]>;
  /** Resolves 1 when the member is new, 0 when it was already scheduled (its due time is then updated). */
  scheduleDue(due: string, dueAt: number, member: string, channel: string): Promise<number>;
  /** Resolves the event id ("" when no event), or null when the item's version did not match. */
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

export const schedulingScripts = defineScripts<SchedulingScripts>({
  claimDue: { file: lua('claim-due.lua'), keys: 2 },
  scheduleDue: { file: lua('schedule-due.lua'), keys: 1 },
  compareAndSetItem: { file: lua('compare-and-set-item.lua'), keys: 3 },
});
