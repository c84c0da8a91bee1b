import type { IntentName, Slots } from '@hark/contracts';
import { alarmCases } from './fixtures/alarm.js';
import { listCases } from './fixtures/lists.js';
import { negativeCases } from './fixtures/negatives.js';
import { reminderCases } from './fixtures/reminder.js';
import { systemCases } from './fixtures/system.js';
import { timeCases } from './fixtures/time.js';
import { timerCases } from './fixtures/timer.js';
import { unitCases } from './fixtures/units.js';
import { weatherCases } from './fixtures/weather.js';
import type { RecognizeContext } from './recognizer.js';

/**
 * One row of the utterance table: what a user says and what the NLU must return.
 * `slots` omitted means the intent has no slots; `intent: null` means no intent (the
 * utterance belongs to the conversational path or the fallback).
 */
export interface UtteranceCase {
  text: string;
  intent: IntentName | null;
  slots?: Slots;
  context?: RecognizeContext;
}

/** The whole table, used by the table-driven test and by test/bench/nlu.ts. */
export const utterances: readonly UtteranceCase[] = [
  ...timerCases,
  ...alarmCases,
  ...reminderCases,
  ...weatherCases,
  ...timeCases,
  ...listCases,
  ...unitCases,
  ...systemCases,
  ...negativeCases,
];
