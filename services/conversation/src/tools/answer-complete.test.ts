import type { ToolEvent } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { answerCompleteIntents, replyFromSkills } from './answer-complete.js';
import type { SkillTool } from './skill-tools.js';
import { toolFamilies } from './tool-families.js';

const tool = (intent: SkillTool['intent']): SkillTool => {
  const name = intent.replaceAll('.', '_');
  return { name, intent, definition: { type: 'function', function: { name } } };
};
const tools = [tool('timer.start'), tool('list.add'), tool('weather.get'), tool('list.read')];
const said = (name: string, text: string): ToolEvent => ({ name, arguments: {}, result: { ok: true, text } });

describe('replyFromSkills', () => {
  it("ends a round of successful actions with the skills' sentences, in order", () => {
    expect(replyFromSkills('', [said('timer_start', 'Timer set for 6 minutes.')], tools)).toBe(
      'Timer set for 6 minutes.',
    );
    expect(
      replyFromSkills(
        '  ',
        [said('timer_start', 'Timer set for 6 minutes.'), said('list_add', 'Added eggs to shopping. ')],
        tools,
      ),
    ).toBe('Timer set for 6 minutes. Added eggs to shopping.');
  });

  it('leaves the answer to the model for data to interpret, errors, its own words, or no skill run', () => {
    expect(replyFromSkills('', [said('weather_get', 'Rain, 12 degrees.')], tools)).toBeNull();
    expect(replyFromSkills('', [said('list_read', 'Shopping has eggs.')], tools)).toBeNull();
    expect(
      replyFromSkills('', [said('timer_start', 'Timer set.'), said('weather_get', 'Rain.')], tools),
    ).toBeNull();
    const failed: ToolEvent = {
      name: 'timer_start',
      arguments: {},
      result: { ok: false, error: { code: 'HARK_ERR_VALIDATION', message: 'bad' } },
    };
    expect(replyFromSkills('', [failed], tools)).toBeNull();
    expect(
      replyFromSkills('Sure, and here is a joke.', [said('timer_start', 'Timer set.')], tools),
    ).toBeNull();
    expect(replyFromSkills('', [said('timer_nonsense', 'Timer set.')], tools)).toBeNull();
    expect(replyFromSkills('', [], tools)).toBeNull();
  });

  it("counts as answer-complete only actions on the user's own timers, alarms, reminders and lists", () => {
    const lookups = [
      ...toolFamilies.weather,
      ...toolFamilies.clock,
      ...toolFamilies.units,
      ...toolFamilies.help,
    ];
    for (const intent of lookups) expect(answerCompleteIntents.has(intent)).toBe(false);
    for (const intent of ['timer.status', 'alarm.list', 'reminder.list', 'list.read', 'list.list'] as const)
      expect(answerCompleteIntents.has(intent)).toBe(false);
  });
});
