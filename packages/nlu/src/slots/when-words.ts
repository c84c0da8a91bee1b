import { WEEKDAY_NAMES } from './days.js';

/** Words that say when, not what or where: they belong to day and time slots. */
export const WHEN_WORDS = new Set([
  'today',
  'tonight',
  'tomorrow',
  'now',
  'later',
  'weekend',
  'morning',
  'afternoon',
  'evening',
  'night',
  ...Object.keys(WEEKDAY_NAMES),
]);
