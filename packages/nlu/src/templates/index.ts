import type { IntentDefinition } from '../template-types.js';
import { alarmIntents } from './alarm.js';
import { dateIntents } from './date.js';
import { listIntents } from './lists.js';
import { reminderIntents } from './reminder.js';
import { systemIntents } from './system.js';
import { timeIntents } from './time.js';
import { timerIntents } from './timer.js';
import { unitIntents } from './units.js';
import { weatherIntents } from './weather.js';

export { expansionRules } from './rules.js';

/** Every intent's templates, in the catalogue's order (ranking's last tie-breaker). */
export const intentDefinitions: readonly IntentDefinition[] = [
  ...timerIntents,
  ...alarmIntents,
  ...reminderIntents,
  ...weatherIntents,
  ...timeIntents,
  ...dateIntents,
  ...listIntents,
  ...unitIntents,
  ...systemIntents,
];
