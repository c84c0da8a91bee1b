import type { IntentName } from '@hark/contracts';
import type { Skill } from './skill.js';
import type { SkillDependencies } from './skill-dependencies.js';
import { createHelpSkill, endSessionSkill } from './system/system-skill.js';
import { dateSkill, timeSkill } from './time/time-skill.js';

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
export function createDefaultSkills(_dependencies: SkillDependencies): SkillRegistry {
  const answering: Skill[] = [timeSkill, dateSkill];
  const help = createHelpSkill(() => answering.map((skill) => skill.help));
  return createSkillRegistry([...answering, help, endSessionSkill]);
}
