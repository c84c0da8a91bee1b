import { DEFAULT_SNOOZE_MINUTES, type IntentName } from '@hark/contracts';

/**
 * What each intent does, told to the model as the tool's description (the only one it gets: compact-schema.ts
 * drops slot descriptions).
 * Slot meanings the JSON schema cannot say (units, zones, formats) are spelled out here.
 * Intents that only end the conversation (system.cancel, system.nevermind, system.thanks) are
 * not tools: a model that wants to stop simply stops talking.
 */
export const intentDescriptions: Partial<Record<IntentName, string>> = {
  'timer.start':
    'Start a timer. duration_seconds is the length in seconds (required); name is optional ("eggs").',
  'timer.cancel':
    'Cancel one timer, chosen by name, by its original length in seconds, or by room (a timer named so ' +
    'or set on a device in that room, e.g. "kitchen").',
  'timer.status':
    'Say how long is left on one timer (by name, length or room), or on all of them when none is given.',
  'timer.pause': 'Pause a running timer.',
  'timer.resume': 'Resume a paused timer.',
  'timer.add_time': 'Add delta_seconds to a timer.',
  'timer.remove_time': 'Take delta_seconds off a timer.',
  'timer.cancel_all': 'Cancel every timer.',
  'alarm.set':
    'Set an alarm at time ("HH:MM", 24 h, local time); date (YYYY-MM-DD) for a one-off on a given day; ' +
    'repeat is daily, weekdays, weekends or days like "mon,wed"; label optional; room names it after a room.',
  'alarm.cancel': 'Cancel an alarm, chosen by its time ("HH:MM"), label or room (its label or its device).',
  'alarm.list':
    'List the alarms that are set; which "next" for only the next one to ring and how far away it is; ' +
    'day (YYYY-MM-DD, local) for those ringing that day.',
  'alarm.snooze': `Snooze the ringing alarm for minutes (default ${DEFAULT_SNOOZE_MINUTES}).`,
  'reminder.create':
    'Create a reminder: text is what to remind; either at (local date-time "YYYY-MM-DDTHH:MM") or ' +
    'in_seconds from now.',
  'reminder.list':
    'List pending reminders, optionally those whose text matches; which "next" for only the next one; ' +
    'day (YYYY-MM-DD, local) for those due that day.',
  'reminder.cancel': 'Cancel a reminder, chosen by its text.',
  'weather.get':
    "Current weather or forecast. location is a place name (the user's home when absent); day is today, " +
    'tomorrow or YYYY-MM-DD.',
  'time.get':
    'The current time, here or in location (a city, country, state or province; for the US, Canada and ' +
    'Australia the skill asks which part).',
  'date.get':
    "Today's date; or, with day (YYYY-MM-DD) or holiday (e.g. christmas, thanksgiving, easter), that " +
    'day: ask "date" (default), "weekday", or "days_until".',
  'list.add': 'Add item to the named list (e.g. "shopping"); several items may be comma-separated.',
  'list.remove': 'Remove item from the named list.',
  'list.read': 'Read out the named list.',
  'list.create': 'Create an empty list named list (e.g. "packing"); it must not exist yet.',
  'list.delete': 'Delete the named list and its items ("shopping" always exists and is only emptied).',
  'list.list': "Name the user's lists.",
  'units.convert': 'Convert value from one unit to another (e.g. 3 "cups" to "milliliters").',
  'system.stop': 'Stop whatever is ringing now (an alarm, or a timer that finished).',
  'system.help': 'List what Hark can do by itself.',
};
