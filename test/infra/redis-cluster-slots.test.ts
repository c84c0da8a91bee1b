// On a Redis Cluster, a Lua script, MULTI or multi-key command must name keys of one hash slot
// (else CROSSSLOT). These tables are the keys each of them is given, for a sample user, and
// their slots are computed with the function ioredis routes by (cluster-key-slot).
import { readdirSync, readFileSync } from 'node:fs';
import { type KeySpace, keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { budgetGuardKeys, interactionKeys } from '@hark/interactions';
import { profileKeys } from '@hark/profiles';
import { type ScheduledKind, schedulingKeys } from '@hark/scheduling';
import { skillKeys } from '@hark/skills';
import { userKeys } from '@hark/users';
import calculateSlot from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import { conversationKeys } from '../../services/conversation/src/conversation-keys.js';
import { entitlementsServiceKeys } from '../../services/entitlements/src/entitlements-service-keys.js';
import { routerKeys } from '../../services/router/src/router-keys.js';

/** Every owner's key set (each package or service declares its own keys with core's keySpace). */
const owners = {
  '@hark/users': userKeys,
  '@hark/profiles': profileKeys,
  '@hark/interactions': interactionKeys,
  '@hark/interactions budget guard': budgetGuardKeys,
  '@hark/scheduling': schedulingKeys,
  '@hark/skills': skillKeys,
  '@hark/entitlements-client': entitlementKeys,
  'services/entitlements': entitlementsServiceKeys,
  'services/conversation': conversationKeys,
  'services/router': routerKeys,
};
const allKeys = (space: KeySpace) => ({
  ...userKeys(space),
  ...profileKeys(space),
  ...interactionKeys(space),
  ...budgetGuardKeys(space),
  ...schedulingKeys(space),
  ...skillKeys(space),
  ...entitlementKeys(space),
  ...entitlementsServiceKeys(space),
  ...conversationKeys(space),
  ...routerKeys(space),
});

const keys = allKeys(keySpace('hark:'));
const user = 'ada';
const kinds: ScheduledKind[] = ['timer', 'alarm', 'reminder'];

/** Every folder of Lua scripts: each owner keeps its own, next to its package.json. */
const luaFolders = ['packages', 'services'].flatMap((parent) =>
  readdirSync(new URL(`../../${parent}/`, import.meta.url))
    .map((name) => new URL(`../../${parent}/${name}/lua/`, import.meta.url))
    .filter((folder) => {
      try {
        return readdirSync(folder).length > 0;
      } catch {
        return false;
      }
    }),
);

/** KEYS of every script in a lua/ folder, as its caller builds them. */
const scriptKeys: Record<string, string[][]> = {
  'authenticate-and-count.lua': [[keys.apiKeyByHash('ab12'), keys.requestCount('ab12')]],
  'count-auth-failure.lua': [
    [keys.authFailuresByAddress('203.0.113.7')],
    [keys.authFailuresByCredential('ab12')],
  ],
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
      keys.insightsClassUsers('2026-11', 'premium', 'paying'),
      keys.insightsPeople('2026-11', 'paying', 'timers-alarms'),
    ],
  ],
  'reserve-budget.lua': [[keys.budgetLedger(user, '2026-11'), keys.budgetReservations(user, '2026-11')]],
  'settle-budget.lua': [[keys.budgetLedger(user, '2026-11'), keys.budgetReservations(user, '2026-11')]],
  'record-upgrade.lua': [[keys.insightsUpgrades(), keys.insightsGateHits(), keys.insightsGateDays()]],
  'record-money.lua': [
    [
      keys.insightsLedger(),
      keys.insightsRevenue('2026-11'),
      keys.insightsMrrCustomers(),
      keys.insightsMrrMonth('2026-11'),
      keys.insightsMrrState(),
      keys.insightsCheckouts(),
    ],
  ],
  'record-mrr.lua': [
    [keys.insightsMrrCustomers(), keys.insightsMrrMonth('2026-11'), keys.insightsMrrState()],
  ],
  'record-checkout.lua': [[keys.insightsCheckouts(), keys.insightsCheckoutDays()]],
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
  'insights people over months (PFCOUNT)': [
    keys.insightsPeople('2026-10', 'all', 'timers-alarms'),
    keys.insightsPeople('2026-11', 'all', 'beyond'),
    keys.insightsPeople('2026-11', 'paying', 'beyond'),
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
function headerKeys(file: URL): { fixed: number; variable: boolean } {
  const header = readFileSync(file, 'utf8');
  const listed = [...header.matchAll(/^-- KEYS\[(\d+)(\.\.)?\]/gm)];
  return { fixed: listed.filter((match) => !match[2]).length, variable: listed.some((match) => match[2]) };
}

describe('Redis Cluster hash slots', () => {
  const scriptFiles = luaFolders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.lua'))
      .map((file) => ({ file, url: new URL(file, folder) })),
  );

  it('knows the keys of every Lua script, as many as its header lists', () => {
    expect(Object.keys(scriptKeys).sort()).toEqual(scriptFiles.map(({ file }) => file).sort());
    for (const { file, url } of scriptFiles) {
      const { fixed, variable } = headerKeys(url);
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
    expect(calculateSlot(allKeys(keySpace('t:other:')).scheduleDue())).toBe(
      calculateSlot(keys.scheduleDue()),
    );
    // Without a tag the whole key decides: the check above would catch a builder that lost its tag.
    expect(commonSlot(['hark:ada:events', 'hark:ada:profile'])).toBe(-1);
  });
});

describe('Redis keys', () => {
  it('has one owner for each key name', () => {
    const names = Object.entries(owners).flatMap(([owner, keysOf]) =>
      Object.keys(keysOf(keySpace('hark:'))).map((name) => `${name} (${owner})`),
    );
    const bare = names.map((name) => name.split(' ')[0]);
    expect(names.filter((_, i) => bare.indexOf(bare[i]) !== i)).toEqual([]);
  });

  // What Redis already holds must stay readable: a key's text never changes with the code around it.
  it.each([
    [keys.user(user), 'hark:{ada}:user'],
    [keys.userApiKeys(user), 'hark:{ada}:apikeys'],
    [keys.apiKeyByHash('ab12'), 'hark:apikey:ab12'],
    [keys.apiKey('key_1'), 'hark:key:key_1'],
    [keys.requestCount('ab12'), 'hark:ratelimit:{hark:apikey:ab12}'],
    [keys.authFailuresByAddress('203.0.113.7'), 'hark:authfail:addr:203.0.113.7'],
    [keys.authFailuresByCredential('ab12'), 'hark:authfail:cred:ab12'],
    [keys.profile(user), 'hark:{ada}:profile'],
    [keys.interactions(), 'hark:interactions'],
    [keys.llmUsage(user, '2026-11'), 'hark:{ada}:llm-usage:2026-11'],
    [keys.item(user, 'timer', 'tmr_1'), 'hark:{ada}:timer:tmr_1'],
    [keys.itemIndex(user, 'reminder'), 'hark:{ada}:reminders'],
    [keys.events(user), 'hark:{ada}:events'],
    [keys.eventsChannel(user), 'hark:{ada}:events:new'],
    [keys.scheduleDue(), 'hark:{schedule}:due'],
    [keys.scheduleClaimed(), 'hark:{schedule}:claimed'],
    [keys.scheduleChannel(), 'hark:{schedule}:changed'],
    [keys.list(user, 'shopping'), 'hark:{ada}:list:shopping'],
    [keys.listIndex(user), 'hark:{ada}:lists'],
    [keys.cache('weather', 'paris'), 'hark:cache:weather:paris'],
    [keys.plans(), 'hark:entitlements:plans'],
    [keys.killSwitches(), 'hark:entitlements:kill-switches'],
    [keys.entitlementsChannel(), 'hark:entitlements:changed'],
    [keys.entitlement(user), 'hark:{ada}:entitlement'],
    [
      keys.usage(user, 'conversation.turns_per_day', '2026-11-26'),
      'hark:{ada}:usage:conversation.turns_per_day:2026-11-26',
    ],
    [keys.operatorAudit, 'hark:entitlements:audit'],
    [keys.operatorByTokenHash('ab12'), 'hark:operator-token:ab12'],
    [keys.operator('op_1'), 'hark:{operators}:operator:op_1'],
    [keys.operatorIds, 'hark:{operators}:all'],
    [keys.stripeCustomers(), 'hark:entitlements:stripe-customers'],
    [keys.stripeCustomerOf(user), 'hark:{ada}:stripe-customer'],
    [keys.stripeEvent('evt_1'), 'hark:entitlements:stripe-event:evt_1'],
    [keys.stripeCustomerLock('cus_1'), 'hark:entitlements:stripe-lock:cus_1'],
    [keys.stripeResyncLock(), 'hark:entitlements:stripe-resync-lock'],
    [keys.stripeQueuePrefix(), 'hark:entitlements:{stripe-queue}'],
    [keys.insightsState(), 'hark:{insights}:state'],
    [keys.insightsFoldLock(), 'hark:{insights}:fold-lock'],
    [keys.insightsDay('2026-11-26'), 'hark:{insights}:day:2026-11-26'],
    [keys.insightsMonth('2026-11'), 'hark:{insights}:month:2026-11'],
    [keys.insightsUsers('2026-11', 'free', '*'), 'hark:{insights}:users:2026-11:free:*'],
    [keys.insightsLlmCost('2026-11', 'premium'), 'hark:{insights}:llm-cost:2026-11:premium'],
    [keys.insightsLlmUsers('2026-11', 'premium'), 'hark:{insights}:llm-users:2026-11:premium'],
    [keys.insightsGateHits(), 'hark:{insights}:gate-hits'],
    [keys.insightsUpgrades(), 'hark:{insights}:upgrades'],
    [keys.insightsGateDays(), 'hark:{insights}:gate-days'],
    [
      keys.insightsPeople('2026-11', 'all', 'timers-alarms'),
      'hark:{insights}:people:2026-11:all:timers-alarms',
    ],
    [keys.insightsPeople('2026-11', 'paying', 'beyond'), 'hark:{insights}:people:2026-11:paying:beyond'],
    [keys.insightsLedger(), 'hark:{insights}:ledger'],
    [keys.insightsRevenue('2026-11'), 'hark:{insights}:revenue:2026-11'],
    [keys.insightsMrrCustomers(), 'hark:{insights}:mrr-customers'],
    [keys.insightsMrrMonth('2026-11'), 'hark:{insights}:mrr:2026-11'],
    [keys.insightsMrrState(), 'hark:{insights}:mrr-state'],
    [keys.insightsCheckouts(), 'hark:{insights}:checkouts'],
    [keys.insightsCheckoutDays(), 'hark:{insights}:checkout-days'],
    [keys.conversation(user, 's1'), 'hark:{ada}:conversation:s1'],
    [keys.speechAudio('ab12'), 'hark:speech-audio:ab12'],
    [keys.session(user, 's1'), 'hark:{ada}:session:s1'],
    [keys.speechLink(user, 'l1'), 'hark:{ada}:speech:l1'],
  ])('%s', (built, stored) => {
    expect(built).toBe(stored);
  });
});
