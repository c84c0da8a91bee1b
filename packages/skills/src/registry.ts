import type { IntentName } from '@hark/contracts';
import { createAlarmSkill } from './alarms/alarm-skill.js';
import { createListSkill } from './lists/list-skill.js';
import { ListStore } from './lists/list-store.js';
import { createReminderSkill } from './reminders/reminder-skill.js';
import type { Skill } from './skill.js';
import type { SkillDependencies } from './skill-dependencies.js';
import { createEndSessionSkill, createHelpSkill } from './system/system-skill.js';
import { thanksSkill } from './system/thanks-skill.js';
import { dateSkill } from './time/date-skill.js';
import { timeSkill } from './time/time-skill.js';
import { createTimerSkill } from './timers/timer-skill.js';
import { unitsSkill } from './units/units-skill.js';
import { createOpenMeteoClient } from './weather/open-meteo-client.js';
import { createWeatherSkill } from './weather/weather-skill.js';

export interface SkillRegistry {
  /** The skill that answers this intent, or undefined when it is not installed (yet). */
  skillFor(intent: IntentName): Skill | undefined;
  skills(): readonly Skill[];
}

export function createSkillRegistry(skills: readonly Skill[]): SkillRegistry {
  const byIntent = new Map<IntentName, Skill>();
  for (const skill of skills) {
    for (const intent of skill.intents) {
      const taken = byIntent.get(intent);
      if (taken) throw new Error(`Intent ${intent} is claimed by both ${taken.id} and ${skill.id}`);
      byIntent.set(intent, skill);
    }
  }
  return { skillFor: (intent) => byIntent.get(intent), skills: () => skills };
}

/** The skills Hark ships with; help is generated from the others' help lines. */
export function createDefaultSkills(dependencies: SkillDependencies): SkillRegistry {
  const { redis, keys, clock } = dependencies;
  const weather = createWeatherSkill({
    client: createOpenMeteoClient(dependencies),
    warn: dependencies.warn ?? ((context, message) => console.warn(message, context)),
  });
  const lists = createListSkill(new ListStore(redis, keys, clock));
  const { timers, alarms, reminders } = dependencies.scheduled;
  const scheduled = [createTimerSkill(timers), createAlarmSkill(alarms), createReminderSkill(reminders)];
  const answering: Skill[] = [timeSkill, dateSkill, ...scheduled, weather, lists, unitsSkill];
  const help = createHelpSkill(() => answering.map((skill) => skill.help));
  return createSkillRegistry([...answering, help, createEndSessionSkill([alarms, timers]), thanksSkill]);
}
