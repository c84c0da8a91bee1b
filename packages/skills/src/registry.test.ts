import { intentNames } from '@hark/contracts';
import { keySpace, systemClock } from '@hark/core';
import { schedulingKeys } from '@hark/scheduling';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createDefaultSkills, createSkillRegistry } from './registry.js';
import { fixedLimits } from './scheduled/limits.js';
import { createScheduledItems } from './scheduled/scheduled-items.js';
import { skillKeys } from './skill-keys.js';
import { testContext } from './test-context.fixture.js';
import { timeSkill } from './time/time-skill.js';

const context = testContext();
// Never connects: these tests call no stateful skill.
const redis = new Redis({ lazyConnect: true });
const space = keySpace('t:');
const unused = async () => {
  throw new Error('these tests schedule nothing');
};
const scheduled = createScheduledItems({
  redis,
  keys: schedulingKeys(space),
  clock: systemClock,
  schedule: { schedule: unused, unschedule: unused },
  limits: fixedLimits({ timer: 1, alarm: 1, reminder: 1 }),
});
const dependencies = { redis, keys: skillKeys(space), clock: systemClock, scheduled };

describe('skill registry', () => {
  it('answers every intent of the catalogue', () => {
    const registry = createDefaultSkills(dependencies);
    for (const intent of intentNames) expect(registry.skillFor(intent), intent).toBeDefined();
    expect(registry.skillFor('timer.pause')?.id).toBe('timers');
    expect(registry.skillFor('alarm.snooze')?.id).toBe('alarms');
    expect(registry.skillFor('reminder.cancel')?.id).toBe('reminders');
    expect(registry.skillFor('list.create')?.id).toBe('lists');
    expect(registry.skillFor('system.thanks')?.id).toBe('thanks');
  });

  it('refuses two skills claiming one intent', () => {
    expect(() => createSkillRegistry([timeSkill, { ...timeSkill, id: 'other' }])).toThrowError(
      /claimed by both/,
    );
  });

  it('builds help from the installed skills only', async () => {
    const help = createDefaultSkills(dependencies).skillFor('system.help')!;
    const result = await help.handle('system.help', {}, context);
    expect(result.reply.text).toContain('tell the time');
    expect(result.reply.text).toContain("today's date");
    expect(result.reply.text).toContain('set and manage timers');
    expect(result.reply.speech).not.toContain('(');
    expect(result.expectsReply).toBe(true);
  });

  // "stop" also silences what rings, which needs Redis: see scheduled-skills.int.test.ts.
  it('ends the session with a short word on cancel and never mind', async () => {
    const registry = createDefaultSkills(dependencies);
    for (const [intent, said] of [
      ['system.cancel', 'OK, cancelled.'],
      ['system.nevermind', 'OK, never mind.'],
    ] as const) {
      const result = await registry.skillFor(intent)!.handle(intent, {}, context);
      expect(result).toMatchObject({ endSession: true, reply: { text: said, speech: said } });
    }
  });
});
