// On a Redis Cluster, a Lua script, MULTI or multi-key command must name keys of one hash slot
// (else CROSSSLOT). These tables are the keys each of them is given, for a sample user, and
// their slots are computed with the function ioredis routes by (cluster-key-slot).
import { readdirSync, readFileSync } from 'node:fs';
import calculateSlot from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import { createKeys, type ScheduledKind } from './keys.js';

const keys = createKeys('hark:');
const user = 'ada';
const kinds: ScheduledKind[] = ['timer', 'alarm', 'reminder'];

/** KEYS of every script in packages/core/lua, as its caller builds them. */
const scriptKeys: Record<string, string[][]> = {
  'authenticate-and-count.lua': [[keys.apiKeyByHash('ab12'), keys.requestCount('ab12')]],
  'claim-due.lua': [[keys.scheduleDue(), keys.scheduleClaimed()]],
  'schedule-due.lua': [[keys.scheduleDue()]],
  'compare-and-set-item.lua': kinds.map((kind) => [
    keys.item(user, kind, 'i1'),
    keys.itemIndex(user, kind),
    keys.events(user),
  ]),
  'compare-and-set-json.lua': [[keys.entitlement(user)]],
  'consume-quota.lua': [[keys.usage(user, 'conversation.turns_per_day', '2026-11-26')]],
  'refund-quota.lua': [[keys.usage(user, 'conversation.trial_turns_per_month', '2026-11')]],
  'release-lock.lua': [[keys.stripeCustomerLock('cus_1')], [keys.stripeResyncLock()]],
  'extend-lock.lua': [[keys.stripeCustomerLock('cus_1')], [keys.stripeResyncLock()]],
  'fold-insights.lua': [
    [
      keys.insightsState(),
      keys.insightsGateHits(),
      keys.insightsUpgrades(),
      keys.insightsGateDays(),
      keys.insightsDay('2026-11-26'),
      keys.insightsMonth('2026-11'),
      keys.insightsUsers('2026-11-26', 'free', 'timer.start'),
      keys.insightsLlmCost('2026-11', 'premium'),
      keys.insightsLlmUsers('2026-11', 'premium'),
    ],
  ],
  'record-upgrade.lua': [[keys.insightsUpgrades(), keys.insightsGateHits(), keys.insightsGateDays()]],
};

/** Keys used together outside scripts: MULTI blocks, pipelines, MGET, PFCOUNT, BullMQ's scripts. */
const keyGroups: Record<string, string[]> = {
  'item-store list (MGET of a kind)': [keys.item(user, 'timer', 'a'), keys.item(user, 'timer', 'b')],
  'list-store (MULTI index + list)': [keys.listIndex(user), keys.list(user, 'shopping')],
  'list-store names (pipeline of HLEN)': [keys.list(user, 'shopping'), keys.list(user, 'packing')],
  'usage-meter (MULTI day + month)': [keys.llmUsage(user, '2026-11-26'), keys.llmUsage(user, '2026-11')],
  'entitlement view (MGET of quotas)': [
    keys.usage(user, 'conversation.turns_per_day', '2026-11-26'),
    keys.usage(user, 'conversation.trial_turns_per_month', '2026-11'),
  ],
  'insights distinct users (PFCOUNT)': [
    keys.insightsUsers('2026-11-25', 'free', '*'),
    keys.insightsUsers('2026-11', 'premium', '*'),
  ],
  'BullMQ stripe queue (one prefix)': ['wait', 'active', 'delayed', 'events', 'meta', 'id', 'evt_1'].map(
    (suffix) => `${keys.stripeQueuePrefix()}:stripe-events:${suffix}`,
  ),
};

/** The slot of every key, or -1 when they are not all on one slot. */
function commonSlot(group: string[]): number {
  const slots = new Set(group.map((key) => calculateSlot(key)));
  return slots.size === 1 ? [...slots][0]! : -1;
}

/** How many KEYS a script's header lists; "KEYS[5..]" marks a variable tail. */
function headerKeys(file: string): { fixed: number; variable: boolean } {
  const header = readFileSync(new URL(`../lua/${file}`, import.meta.url), 'utf8');
  const listed = [...header.matchAll(/^-- KEYS\[(\d+)(\.\.)?\]/gm)];
  return { fixed: listed.filter((match) => !match[2]).length, variable: listed.some((match) => match[2]) };
}

describe('Redis Cluster hash slots', () => {
  const scriptFiles = readdirSync(new URL('../lua/', import.meta.url)).filter((file) =>
    file.endsWith('.lua'),
  );

  it('knows the keys of every Lua script, as many as its header lists', () => {
    expect(Object.keys(scriptKeys).sort()).toEqual(scriptFiles.sort());
    for (const file of scriptFiles) {
      const { fixed, variable } = headerKeys(file);
      for (const group of scriptKeys[file]!) {
        if (variable) expect(group.length, file).toBeGreaterThan(fixed);
        else expect(group.length, file).toBe(fixed);
      }
    }
  });

  it.each(Object.entries(scriptKeys))('%s is given keys of one slot', (_file, groups) => {
    for (const group of groups) expect(commonSlot(group), group.join(' ')).toBeGreaterThanOrEqual(0);
  });

  it.each(Object.entries(keyGroups))('%s uses keys of one slot', (_name, group) => {
    expect(commonSlot(group), group.join(' ')).toBeGreaterThanOrEqual(0);
  });

  it('puts two users, and the shared schedule, on their own slots (the tag is what decides)', () => {
    const ada = calculateSlot(keys.events('ada'));
    expect(calculateSlot(keys.profile('ada'))).toBe(ada);
    expect(calculateSlot(keys.events('grace'))).not.toBe(ada);
    expect(calculateSlot(keys.scheduleDue())).toBe(calculateSlot('{schedule}'));
    expect(calculateSlot(createKeys('t:other:').scheduleDue())).toBe(calculateSlot(keys.scheduleDue()));
    // Without a tag the whole key decides: the check above would catch a builder that lost its tag.
    expect(commonSlot(['hark:ada:events', 'hark:ada:profile'])).toBe(-1);
  });
});
