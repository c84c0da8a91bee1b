import { createKeys, systemClock } from '@hark/core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createDefaultSkills, createSkillRegistry } from './registry.js';
import { testContext } from './test-context.fixture.js';
import { timeSkill } from './time/time-skill.js';

const context = testContext();
// Never connects: these tests call no stateful skill.
const dependencies = { redis: new Redis({ lazyConnect: true }), keys: createKeys('t:'), clock: systemClock };

describe('skill registry', () => {
  it('answers the intents of this issue and nothing it cannot do yet', () => {
    const registry = createDefaultSkills(dependencies);
    for (const intent of [
      'time.get',
      'date.get',
      'system.help',
      'system.stop',
      'system.cancel',
      'system.nevermind',
    ] as const) {
      expect(registry.skillFor(intent), intent).toBeDefined();
    }
    expect(registry.skillFor('timer.start')).toBeUndefined();
    expect(registry.skillFor('weather.get')).toBeUndefined();
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
    expect(result.reply.text).not.toMatch(/timer|weather/);
    expect(result.reply.speech).not.toContain('(');
    expect(result.expectsReply).toBe(true);
  });

  it('ends the session quietly on stop, cancel and never mind', async () => {
    const registry = createDefaultSkills(dependencies);
    for (const intent of ['system.stop', 'system.cancel', 'system.nevermind'] as const) {
      const result = await registry.skillFor(intent)!.handle(intent, {}, context);
      expect(result).toMatchObject({ endSession: true, reply: { text: '' } });
    }
  });
});
