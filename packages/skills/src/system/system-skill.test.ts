import { describe, expect, it } from 'vitest';
import type { AlarmItem } from '../alarms/alarm-item.js';
import { testContext } from '../test-context.fixture.js';
import type { TimerItem } from '../timers/timer-item.js';
import { createEndSessionSkill, type RingingItems } from './system-skill.js';

const timer = (id: string, name: string | null, durationSeconds = 600): TimerItem => ({
  id,
  version: 3,
  createdAt: '2026-11-26T12:55:00.000Z',
  name,
  durationSeconds,
  state: 'FINISHED',
  dueAt: Date.parse('2026-11-26T13:05:00Z'),
  remainingMs: null,
  deviceId: null,
  finishedAt: '2026-11-26T13:05:00.000Z',
  stoppedAt: '2026-11-26T13:05:10.000Z',
});

const alarm = (id: string, time: string, label: string | null): AlarmItem => ({
  id,
  version: 4,
  createdAt: '2026-11-25T20:00:00.000Z',
  time,
  date: null,
  repeat: null,
  label,
  timeZone: 'UTC',
  state: 'DONE',
  ringsAt: null,
  dueAt: null,
  ringingSince: null,
  deviceId: null,
});

function ringingThings(items: (TimerItem | AlarmItem)[]): RingingItems & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async stopRinging(userId) {
      calls.push(userId);
      return items.splice(0);
    },
  };
}

describe('end-session skill', () => {
  it('silences what rings on "stop", says what it stopped, and ends the session', async () => {
    const alarms = ringingThings([alarm('alm_1', '07:30', null)]);
    const timers = ringingThings([timer('tmr_1', 'kitchen'), timer('tmr_2', null, 300)]);
    const skill = createEndSessionSkill([alarms, timers]);
    const result = await skill.handle('system.stop', {}, testContext({ userId: 'ada' }));
    const said = 'OK, stopped the 7:30 AM alarm, the kitchen timer and the 5 minute timer.';
    expect(result).toEqual({
      reply: { text: said, speech: said },
      endSession: true,
      data: { sessionEnded: true, stopped: ['alm_1', 'tmr_1', 'tmr_2'] },
    });
    expect([alarms.calls, timers.calls]).toEqual([['ada'], ['ada']]);
  });

  it.each([
    [[timer('tmr_1', 'kitchen')], 'OK, stopped the kitchen timer.'],
    [[alarm('alm_1', '06:45', 'work')], 'OK, stopped the work alarm.'],
  ])('names the one thing it stopped', async (items, said) => {
    const result = await createEndSessionSkill([ringingThings(items)]).handle(
      'system.stop',
      {},
      testContext(),
    );
    expect(result.reply).toEqual({ text: said, speech: said });
  });

  it('answers a short word, never an empty reply, when nothing rings, or on cancel and never mind', async () => {
    const alarms = ringingThings([alarm('alm_1', '07:30', null)]);
    const skill = createEndSessionSkill([alarms]);
    for (const [intent, said] of [
      ['system.cancel', 'OK, cancelled.'],
      ['system.nevermind', 'OK, never mind.'],
    ] as const) {
      expect(await skill.handle(intent, {}, testContext())).toEqual({
        reply: { text: said, speech: said },
        endSession: true,
        data: { sessionEnded: true },
      });
    }
    expect(alarms.calls).toEqual([]);
    expect(await createEndSessionSkill([ringingThings([])]).handle('system.stop', {}, testContext())).toEqual(
      { reply: { text: 'Stopped.', speech: 'Stopped.' }, endSession: true, data: { sessionEnded: true } },
    );
  });
});
