export * from './registry.js';
export * from './skill.js';
export * from './skill-dependencies.js';
export { createHelpSkill, endSessionSkill } from './system/system-skill.js';
export { type ResolvedPlace, resolvePlace } from './time/city-zones.js';
export { dateSkill, timeSkill } from './time/time-skill.js';
