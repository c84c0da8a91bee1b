import { intentSlotSchemas } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { keysMatching } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

let router: TestRouter;
let key: string;
beforeAll(async () => {
  router = await startTestRouter({}, { clock: fixedClock('2026-11-26T23:30:00Z') });
  key = await router.userWithKey('ada');
});
afterAll(() => router.close());

const parse = (body: Record<string, unknown>) =>
  router.app.inject({ method: 'POST', url: '/v1/nlu/parse', headers: bearer(key), payload: body });

describe('POST /v1/nlu/parse', () => {
  it('returns intent, slots and alternatives, executing nothing', async () => {
    const response = await parse({ text: 'Hey Hark, set a pasta timer for an hour and a half please' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.intent).toMatchObject({
      name: 'timer.start',
      slots: { duration_seconds: 5400, name: 'pasta' },
    });
    expect(Array.isArray(body.alternatives)).toBe(true);
    expect(await keysMatching(router.testRedis.redis, `${router.testRedis.prefix}{ada}:session:*`)).toEqual(
      [],
    );
  });

  it('answers null for text that only looks like a command', async () => {
    const body = (await parse({ text: 'the alarm in my car keeps going off' })).json();
    expect(body.intent).toBeNull();
  });

  it('resolves relative days in the given zone, else the user zone', async () => {
    const tokyo = (
      await parse({ text: 'remind me to call mom tomorrow at 9', timezone: 'Asia/Tokyo' })
    ).json();
    expect(tokyo.intent.slots).toEqual({ text: 'call mom', at: '2026-11-28T09:00' });
    const utc = (await parse({ text: 'remind me to call mom tomorrow at 9' })).json();
    expect(utc.intent.slots).toEqual({ text: 'call mom', at: '2026-11-27T09:00' });
  });

  it('emits only slots the catalogue schemas accept', async () => {
    for (const text of [
      'wake me up at quarter to seven on weekdays',
      'convert 3 cups to ml',
      'add milk to the shopping list',
    ]) {
      const { intent } = (await parse({ text })).json();
      expect(
        intentSlotSchemas[intent.name as keyof typeof intentSlotSchemas].safeParse(intent.slots).success,
        text,
      ).toBe(true);
    }
  });
});
