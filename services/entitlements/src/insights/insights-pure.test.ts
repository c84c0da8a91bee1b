import { keySpace } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { entitlementsServiceKeys } from '../entitlements-service-keys.js';
import { coveringPeriods } from './covering-periods.js';
import { parseInteraction } from './interaction-entry.js';
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
    batch.add(event('ada', true, 10));
    batch.add(event('ada', true, 20));
    batch.add(event('bob', false, 30));
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
