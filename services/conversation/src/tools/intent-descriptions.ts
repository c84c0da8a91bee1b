import { DEFAULT_SNOOZE_MINUTES, type IntentName } from '@hark/contracts';

/**
 * What each intent does, told to the model as the tool's description (with the skill's help line).
 * Slot meanings the JSON schema cannot say (units, zones, formats) are spelled out here.
 * Intents that only end the conversation (system.cancel, system.nevermind) are not tools: a
 * model that wants to stop simply stops talking.
 */
export const intentDescriptions: Partial<Record<IntentName, string>> = {
  'timer.start':
    'Start a timer. duration_seconds is the length in seconds (required); name is optional ("eggs").',
  'timer.cancel': 'Cancel one timer, chosen by name or by its original length in seconds.',
  'timer.status': 'Say how long is left on one timer, or on all of them when no name or length is given.',
  'timer.pause': 'Pause a running timer.',
  'timer.resume': 'Resume a paused timer.',
  'timer.add_time': 'Add delta_seconds to a timer.',
  'timer.remove_time': 'Take delta_seconds off a timer.',
  'timer.cancel_all': 'Cancel every timer.',
  'alarm.set':
    'Set an alarm at time ("HH:MM", 24 h, local time); date (YYYY-MM-DD) for a one-off on a given day; ' +
    'repeat is daily, weekdays, weekends or days like "mon,wed"; label optional.',
  'alarm.cancel': 'Cancel an alarm, chosen by its time ("HH:MM") or label.',
  'alarm.list': 'List the alarms that are set.',
  'alarm.snooze': `Snooze the ringing alarm for minutes (default ${DEFAULT_SNOOZE_MINUTES}).`,
  'reminder.create':
    'Create a reminder: text is what to remind; either at (local date-time "YYYY-MM-DDTHH:MM") or ' +
    'in_seconds from now.',
  'reminder.list': 'List pending reminders, optionally those whose text matches.',
  'reminder.cancel': 'Cancel a reminder, chosen by its text.',
  'weather.get':
    "Current weather or forecast. location is a place name (the user's home when absent); day is today, " +
    'tomorrow or YYYY-MM-DD.',
  'time.get': 'The current time, here or in location (a city).',
  'date.get': "Today's date.",
  'list.add': 'Add item to the named list (e.g. "shopping"); several items may be comma-separated.',
  'list.remove': 'Remove item from the named list.',
  'list.read': 'Read out the named list.',
  'units.convert': 'Convert value from one unit to another (e.g. 3 "cups" to "milliliters").',
  'system.stop': 'Stop whatever is ringing now (an alarm, or a timer that finished).',
  'system.help': 'List what Hark can do by itself.',
};
