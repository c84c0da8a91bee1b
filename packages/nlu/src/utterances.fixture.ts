import type { IntentName, Slots } from '@hark/contracts';
import { acknowledgementCases } from './fixtures/acknowledgements.js';
import { alarmManageCases } from './fixtures/alarm-manage.js';
import { alarmSetCases } from './fixtures/alarm-set.js';
import { dateCases } from './fixtures/dates.js';
import { followUpOpenerCases } from './fixtures/follow-up-openers.js';
import { listManageCases } from './fixtures/list-manage.js';
import { listCases } from './fixtures/lists.js';
import { nearMissNegativeCases } from './fixtures/negatives-near-misses.js';
import { otherNegativeCases } from './fixtures/negatives-other.js';
import { nearMissRound2NegativeCases } from './fixtures/negatives-round2.js';
import { topicNegativeCases } from './fixtures/negatives-topics.js';
import { nextScheduledCases } from './fixtures/next-scheduled.js';
import { phrasingsAlarmCases } from './fixtures/phrasings-alarm.js';
import { phrasingsListsRemindersCases } from './fixtures/phrasings-lists-reminders.js';
import { phrasingsRound2OtherCases } from './fixtures/phrasings-round2-other.js';
import { phrasingsRound2TimerAlarmCases } from './fixtures/phrasings-round2-timer-alarm.js';
import { phrasingsRound3Cases } from './fixtures/phrasings-round3.js';
import { phrasingsTimerCases } from './fixtures/phrasings-timer.js';
import { phrasingsWeatherTimeCases } from './fixtures/phrasings-weather-time.js';
import { reminderCases } from './fixtures/reminder.js';
import { roomCases } from './fixtures/rooms.js';
import { shortFormCases } from './fixtures/short-forms.js';
import { sttSlipCases } from './fixtures/stt-slips.js';
import { systemCases } from './fixtures/system.js';
import { timeCases } from './fixtures/time.js';
import { timerControlCases } from './fixtures/timer-control.js';
import { timerStartCases } from './fixtures/timer-start.js';
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
  /** Right only because a known speech-to-text slip is repaired (stt-repairs.ts). */
  sttSlip?: true;
}

/** The whole table, used by the table-driven test and by test/bench/nlu.ts. */
export const utterances: readonly UtteranceCase[] = [
  ...timerStartCases,
  ...timerControlCases,
  ...alarmSetCases,
  ...alarmManageCases,
  ...reminderCases,
  ...weatherCases,
  ...timeCases,
  ...listCases,
  ...listManageCases,
  ...unitCases,
  ...systemCases,
  ...acknowledgementCases,
  ...followUpOpenerCases,
  ...phrasingsTimerCases,
  ...phrasingsAlarmCases,
  ...phrasingsWeatherTimeCases,
  ...phrasingsListsRemindersCases,
  ...phrasingsRound2TimerAlarmCases,
  ...phrasingsRound2OtherCases,
  ...phrasingsRound3Cases,
  ...sttSlipCases,
  ...dateCases,
  ...nextScheduledCases,
  ...roomCases,
  ...shortFormCases,
  ...topicNegativeCases,
  ...otherNegativeCases,
  ...nearMissNegativeCases,
  ...nearMissRound2NegativeCases,
];
