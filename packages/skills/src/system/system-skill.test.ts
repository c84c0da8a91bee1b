import { describe, expect, it } from 'vitest';
import { testContext } from '../test-context.fixture.js';
import { createEndSessionSkill, type RingingItems } from './system-skill.js';

function ringingThings(ids: string[]): RingingItems & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async stopRinging(userId) {
      calls.push(userId);
      return ids.splice(0).map((id) => ({ id }));
    },
  };
}

describe('end-session skill', () => {
  it('silences what rings on "stop", then ends the session quietly', async () => {
    const alarms = ringingThings(['alm_1']);
    const timers = ringingThings(['tmr_1', 'tmr_2']);
    const skill = createEndSessionSkill([alarms, timers]);
    const result = await skill.handle('system.stop', {}, testContext({ userId: 'ada' }));
    expect(result).toEqual({
      reply: { text: '' },
      endSession: true,
      data: { sessionEnded: true, stopped: ['alm_1', 'tmr_1', 'tmr_2'] },
    });
    expect([alarms.calls, timers.calls]).toEqual([['ada'], ['ada']]);
  });

  it('only ends the session when nothing rings, or on cancel and never mind', async () => {
    const alarms = ringingThings(['alm_1']);
    const skill = createEndSessionSkill([alarms]);
    for (const intent of ['system.cancel', 'system.nevermind'] as const) {
      expect(await skill.handle(intent, {}, testContext())).toEqual({
        reply: { text: '' },
        endSession: true,
        data: { sessionEnded: true },
      });
    }
    expect(alarms.calls).toEqual([]);
    expect(
      (await createEndSessionSkill([ringingThings([])]).handle('system.stop', {}, testContext())).data,
    ).toEqual({
      sessionEnded: true,
    });
  });
});
