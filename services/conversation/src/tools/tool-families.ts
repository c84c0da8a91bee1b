import type { IntentName } from '@hark/contracts';

/**
 * Skills come to the model in families: a turn is offered the families it plausibly needs, not
 * every tool (tool-offer.ts). A family is small enough that offering it whole costs little and a
 * follow-up ("add a minute to it") finds its neighbours already there.
 */
export const toolFamilies = {
  timers: [
    'timer.start',
    'timer.cancel',
    'timer.status',
    'timer.pause',
    'timer.resume',
    'timer.add_time',
    'timer.remove_time',
    'timer.cancel_all',
    'system.stop',
  ],
  alarms: ['alarm.set', 'alarm.cancel', 'alarm.list', 'alarm.snooze', 'system.stop'],
  reminders: ['reminder.create', 'reminder.list', 'reminder.cancel'],
  lists: ['list.add', 'list.remove', 'list.read', 'list.create', 'list.delete', 'list.list'],
  weather: ['weather.get'],
  clock: ['time.get', 'date.get'],
  units: ['units.convert'],
  help: ['system.help'],
} as const satisfies Record<string, readonly IntentName[]>;

export type ToolFamily = keyof typeof toolFamilies;
export const familyNames = Object.keys(toolFamilies) as ToolFamily[];

/** The families an intent belongs to (system.stop is in two). */
export const familiesOfIntent = (intent: string): ToolFamily[] =>
  familyNames.filter((family) => (toolFamilies[family] as readonly string[]).includes(intent));

/**
 * Words that make a family worth offering. Wide on purpose: offering a family by mistake costs
 * a few dozen tokens; missing one costs a `more_tools` round (a whole extra model call).
 */
const cues: Record<ToolFamily, RegExp> = {
  timers:
    /\b(timer|timers|countdown|count down|time (me|my|it|them|this|that|the)|minutes? (left|to go)|how (much )?longer|stopwatch|ring|ringing|beeping|stop)\b/i,
  alarms: /\b(alarm|alarms|wake|waking|get up|getting up|up early|snooze|ringing|ring|stop)\b/i,
  reminders:
    /\b(remind|reminder|reminders|remember to|don't (let me )?forget|have to|got coming up|coming up|agenda|to-?do)\b/i,
  lists: /\b(list|lists|shopping|groceries|grocery|buy|bought|out of|run out|ran out|packing|pack)\b/i,
  weather:
    /\b(weather|forecast|rain|raining|rainy|umbrella|snow|snowing|sunny|sun|temperature|hot|cold|warm|wind|windy|picnic|outside|coat|jacket)\b/i,
  clock:
    /\b(time|clock|date|day|days|today|tomorrow|weekday|week|month|year|holiday|christmas|easter|thanksgiving|halloween|birthday|until|how long till)\b/i,
  units:
    /\b(convert|conversion|in (cm|centimet(er|re)s?|inch(es)?|feet|foot|met(er|re)s?|miles?|kilomet(er|re)s?|km|grams?|kilos?|kilograms?|pounds?|ounces?|oz|cups?|lit(er|re)s?|millilit(er|re)s?|ml|celsius|fahrenheit|gallons?|pints?)|how many (cm|centimet(er|re)s?|inch(es)?|feet|met(er|re)s?|miles?|kilomet(er|re)s?|grams?|kilos?|pounds?|ounces?|cups?|lit(er|re)s?|millilit(er|re)s?|ml|tablespoons?|teaspoons?|gallons?|pints?)|celsius|fahrenheit)\b/i,
  help: /\b(what (sort of things |kind of things |else )?can you do|what are you able|help me with|your (skills|features)|what do you do)\b/i,
};

/** The families the words of `text` suggest. */
export const familiesInText = (text: string): ToolFamily[] =>
  familyNames.filter((family) => cues[family].test(text));
