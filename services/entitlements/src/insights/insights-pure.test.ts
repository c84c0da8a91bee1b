import type { EntitlementProjection, Plan } from '@hark/contracts';
import { keySpace } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { entitlementsServiceKeys } from '../entitlements-service-keys.js';
import { coveringPeriods } from './covering-periods.js';
import { customerClassOf } from './customer-class.js';
import { freeSkillOfTool } from './free-skill-tools.js';
import { parseInteraction } from './interaction-entry.js';
import { onlyTimersAndAlarms, peopleSection, peopleUseOf } from './people-section.js';
import { RollupBatch } from './rollup-batch.js';

describe('UTC periods', () => {
  it.each([
    ['2026-02-01', '2026-02-28', ['2026-02']],
    ['2026-01-30', '2026-03-02', ['2026-01-30', '2026-01-31', '2026-02', '2026-03-01', '2026-03-02']],
    ['2026-03-05', '2026-03-06', ['2026-03-05', '2026-03-06']],
    ['2025-12-31', '2026-01-31', ['2025-12-31', '2026-01']],
  ])('covers %s..%s with whole months where it can', (from, to, periods) => {
    expect(coveringPeriods(from, to)).toEqual(periods);
  });

  it('covers a year with few keys (month lengths and leap years: packages/contracts utc-dates)', () => {
    expect(coveringPeriods('2025-04-02', '2026-04-01').length).toBeLessThan(45);
  });
});

describe('interaction entries', () => {
  const entry = (fields: Record<string, string>): [string, string[]] => [
    '1767225600000-0',
    Object.entries(fields).flat(),
  ];

  it('reads a turn as the folder counts it', () => {
    expect(
      parseInteraction(
        entry({
          at: '2026-03-01T23:59:59.999Z',
          userId: 'ada',
          plan: 'premium',
          handledBy: 'llm',
          outcome: 'HARK_ERR_LLM_TIMEOUT',
          promptTokens: '12',
          completionTokens: 'x',
          costMicroUsd: '30',
          toolCalls: '3',
          tools: 'timer_start,web|search',
        }),
      ),
    ).toEqual({
      userId: 'ada',
      tier: 'premium',
      handledBy: 'llm',
      intent: 'llm',
      ok: false,
      atMs: Date.parse('2026-03-01T23:59:59.999Z'),
      day: '2026-03-01',
      month: '2026-03',
      promptTokens: 12,
      completionTokens: 0,
      costMicroUsd: 30,
      upsell: false,
      toolCalls: 3,
      tools: ['timer_start', 'web_search'],
    });
  });

  it('falls back on the stream id for the time, names a skill turn by its intent, and skips what it cannot count', () => {
    const turn = parseInteraction(
      entry({ userId: 'bob', plan: 'free', handledBy: 'skill', intent: 'timer.start' }),
    );
    expect(turn).toMatchObject({ intent: 'timer.start', day: '2026-01-01', ok: true });
    const odd = parseInteraction(entry({ userId: 'bob', plan: 'a|b', handledBy: 'skill', intent: 'x:y' }));
    expect(odd).toMatchObject({ tier: 'a_b', intent: 'x_y' });
    expect(parseInteraction(entry({ handledBy: 'skill' }))).toBeNull();
    expect(parseInteraction(entry({ userId: 'ada', handledBy: 'robot' }))).toBeNull();
  });
});

describe('rollup batch', () => {
  const keys = entitlementsServiceKeys(keySpace('p:'));
  const event = (userId: string, upsell: boolean, atMs: number) => ({
    ...parseInteraction(['1-0', ['userId', userId, 'plan', 'free', 'handledBy', 'fallback']])!,
    upsell,
    atMs,
  });

  it('adds up counters and keeps each user only first gate hit of the batch', () => {
    const batch = new RollupBatch(keys);
    batch.add(event('ada', true, 10), 'free');
    batch.add(event('ada', true, 20), 'free');
    batch.add(event('bob', false, 30), 'free');
    const { rollupKeys, operations } = batch.scriptOperations();
    const ops = JSON.parse(operations);
    const dayKey = keys.insightsDay('1970-01-01');
    expect(ops.hincr).toContainEqual([rollupKeys.indexOf(dayKey) + 5, 'n|free|fallback', '3']);
    expect(ops.hincr).toContainEqual([rollupKeys.indexOf(dayKey) + 5, 'upsell|free', '2']);
    expect(ops.gate).toEqual([['ada', '10', '1970-01-01']]);
    const users = keys.insightsUsers('1970-01-01', '*', '*');
    expect(ops.pfadd).toContainEqual([rollupKeys.indexOf(users) + 5, 'ada', 'bob']);
    expect(ops.expire).toHaveLength(rollupKeys.length);
  });
});

describe('customer classes', () => {
  const now = new Date('2026-03-10T00:00:00Z');
  const plan = (id: string, amount: number | null): Plan => ({
    id,
    name: id,
    enabled: true,
    price: amount === null ? null : { stripePriceId: null, amount, currency: 'usd', interval: 'month' },
    features: {},
    limits: {},
  });
  const plans = new Map([
    ['free', plan('free', null)],
    ['premium', plan('premium', 500)],
    ['friends', plan('friends', null)],
  ]);
  const projection = (
    grant: { planId: string; expiresAt: string | null } | null,
    status: 'active' | 'trialing' | 'canceled' | null,
  ): EntitlementProjection => ({
    userId: 'u',
    planId: 'free',
    source: 'default',
    grant: grant && { ...grant, reason: 'r', grantedBy: 'op' },
    subscription: status && {
      id: 'sub',
      customerId: 'cus',
      status,
      planId: 'premium',
      currentPeriodEnd: null,
      eventCreated: 1,
      pastDueSince: null,
    },
    updatedAt: now.toISOString(),
  });

  it.each([
    ['no projection', null, false, 'free'],
    ['an active subscription', projection(null, 'active'), false, 'paying'],
    ['a trialing subscription', projection(null, 'trialing'), false, 'trial'],
    ['a cancelled subscription', projection(null, 'canceled'), false, 'free'],
    ['a grant of a priced plan', projection({ planId: 'premium', expiresAt: null }, null), false, 'comped'],
    [
      'a grant on top of a subscription',
      projection({ planId: 'premium', expiresAt: null }, 'active'),
      false,
      'comped',
    ],
    ['a grant of an unpriced plan', projection({ planId: 'friends', expiresAt: null }, null), false, 'free'],
    [
      'an expired grant',
      projection({ planId: 'premium', expiresAt: '2026-03-01T00:00:00Z' }, null),
      false,
      'free',
    ],
    ['an internal mark, whatever the plan', projection(null, 'active'), true, 'internal'],
  ] as const)('%s', (_, value, internal, expected) => {
    expect(customerClassOf(value, internal, plans, now)).toBe(expected);
  });
});

describe('people', () => {
  it('files a turn under timers and alarms or beyond them, a "stop" or "thanks" under neither', () => {
    expect(peopleUseOf('timers')).toBe('timers-alarms');
    expect(peopleUseOf('alarms')).toBe('timers-alarms');
    expect(peopleUseOf('system')).toBeNull();
    for (const category of ['conversation', 'fallback', 'weather', 'reminders', 'other-skill'] as const) {
      expect(peopleUseOf(category)).toBe('beyond');
    }
  });

  it('adds each user to the people HyperLogLogs of their turns, the paying ones on paying turns only', () => {
    const keys = entitlementsServiceKeys(keySpace('p:'));
    const batch = new RollupBatch(keys);
    const turn = (userId: string, intent: string) =>
      parseInteraction([
        '1-0',
        ['userId', userId, 'plan', 'premium', 'handledBy', 'skill', 'intent', intent],
      ])!;
    batch.add(turn('pia', 'timer.start'), 'paying');
    batch.add(turn('pia', 'system.stop'), 'paying');
    batch.add(turn('fay', 'alarm.set'), 'free');
    batch.add(turn('fay', 'weather.get'), 'paying');
    batch.add(turn('sam', 'system.help'), 'free');
    const { rollupKeys, operations } = batch.scriptOperations();
    const members = (turns: 'all' | 'paying', used: 'timers-alarms' | 'beyond') =>
      JSON.parse(operations)
        .pfadd.filter(
          ([index]: [number]) => rollupKeys[index - 5] === keys.insightsPeople('1970-01', turns, used),
        )
        .flatMap(([, ...users]: string[]) => users);
    expect(members('all', 'timers-alarms')).toEqual(['pia', 'fay']);
    expect(members('all', 'beyond')).toEqual(['fay']);
    expect(members('paying', 'timers-alarms')).toEqual(['pia']);
    expect(members('paying', 'beyond')).toEqual(['fay']);
    // sam only said "help": active (the all-users HyperLogLog), in no people one.
    expect(rollupKeys.filter((key) => key.includes(':people:'))).toHaveLength(4);
  });

  it('counts timer-and-alarm-only users as a union less the beyond users, kept in 0..max', () => {
    expect(onlyTimersAndAlarms(45, 34, 45)).toBe(11);
    // Estimates at scale: a difference below 0 or above the users it is a part of is noise.
    expect(onlyTimersAndAlarms(50_120, 50_410, 50_300)).toBe(0);
    expect(onlyTimersAndAlarms(900, 100, 790)).toBe(790);
    const people = peopleSection(
      { activeUsers: 6, timerAlarmOrBeyond: 6, beyond: 4, payingTimerAlarmOrBeyond: 2, payingBeyond: 1 },
      [],
    );
    expect(people).toMatchObject({
      activeUsers: 6,
      timerAlarmOnlyUsers: 2,
      timerAlarmOnlyShare: 0.3333,
      timerAlarmOnlyPaying: 1,
    });
    const paying = peopleSection(
      { activeUsers: 10, timerAlarmOrBeyond: 10, beyond: 9, payingTimerAlarmOrBeyond: 5, payingBeyond: 2 },
      [],
    );
    expect(paying.timerAlarmOnlyPaying).toBe(1); // never more than the timer-and-alarm-only users
  });

  it('knows a tool call to a free skill by its name', () => {
    expect(freeSkillOfTool('timer_start')).toBe('timer.start');
    expect(freeSkillOfTool('weather_get')).toBe('weather.get');
    expect(freeSkillOfTool('web_search')).toBeNull();
    expect(freeSkillOfTool('unnamed')).toBeNull();
  });

  it("leaves an internal user's events out of every rollup but their class count", () => {
    const keys = entitlementsServiceKeys(keySpace('p:'));
    const batch = new RollupBatch(keys);
    const event = parseInteraction([
      '1-0',
      ['userId', 'ian', 'plan', 'free', 'handledBy', 'skill', 'intent', 'time.get'],
    ])!;
    batch.add(event, 'internal');
    batch.add(event, 'internal');
    const { rollupKeys, operations } = batch.scriptOperations();
    expect(rollupKeys).toEqual([keys.insightsClassUsers('1970-01', 'free', 'internal')]);
    expect(JSON.parse(operations)).toMatchObject({ hincr: [], pfadd: [[5, 'ian']], skipped: 2 });
  });
});
