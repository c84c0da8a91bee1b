import { z } from 'zod';

/**
 * The intent catalogue of DESIGN.md: every intent name and the zod schema of its slots.
 * The NLU must only ever emit slots that parse with these schemas (a unit test checks it),
 * and later the LLM tool schemas are derived from them.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 h');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'local ISO date-time');
const positiveSeconds = z.number().int().positive();
const freeText = z.string().min(1).max(200);

/** "daily", "weekdays", "weekends", or a comma-separated list of days such as "mon,wed". */
export const repeatRule = z
  .string()
  .regex(/^(daily|weekdays|weekends|(mon|tue|wed|thu|fri|sat|sun)(,(mon|tue|wed|thu|fri|sat|sun))*)$/);

/**
 * A room or the place of a device ("kitchen", "kids room"): it selects the timers and alarms
 * named so, or set on a device whose id names that place ("kitchen-speaker", "Kitchen Echo").
 */
const room = freeText.optional().describe('a room or device place, e.g. "kitchen", "kids room"');

const timerSelector = {
  name: freeText.optional(),
  original_seconds: positiveSeconds.optional(),
  room,
};

/** "next": only the next one to come ("when does my alarm go off", "what's my next reminder"). */
const whichScheduled = z.enum(['next']).optional();
/** The local day asked about ("is my alarm set for tomorrow"): what rings or is due that day. */
const scheduledDay = isoDate.optional().describe('local date (YYYY-MM-DD) of the day asked about');

/** Holidays date.get knows; the date skill works out the next date of each from the user's local date. */
export const holidayIds = [
  'new_years_day',
  'valentines_day',
  'st_patricks_day',
  'easter',
  'mothers_day',
  'fathers_day',
  'independence_day',
  'halloween',
  'thanksgiving',
  'christmas_eve',
  'christmas',
  'new_years_eve',
] as const;
export type HolidayId = (typeof holidayIds)[number];

/** What a date question wants: the date, the day of the week, or how many days are left until it. */
export const dateAsks = ['date', 'weekday', 'days_until'] as const;
export type DateAsk = (typeof dateAsks)[number];

export const intentSlotSchemas = {
  // Required slots may be missing when the user has not said them yet ("set a timer"): the
  // skill then asks a follow-up question ("For how long?") and the next turn fills the slot.
  'timer.start': z.object({ duration_seconds: positiveSeconds.optional(), name: freeText.optional() }),
  'timer.cancel': z.object(timerSelector),
  'timer.status': z.object(timerSelector),
  'timer.pause': z.object(timerSelector),
  'timer.resume': z.object(timerSelector),
  'timer.add_time': z.object({ delta_seconds: positiveSeconds, ...timerSelector }),
  'timer.remove_time': z.object({ delta_seconds: positiveSeconds, ...timerSelector }),
  'timer.cancel_all': z.object({}),
  'alarm.set': z.object({
    time: clockTime.optional(),
    date: isoDate.optional(),
    repeat: repeatRule.optional(),
    label: freeText.optional(),
    room,
  }),
  'alarm.cancel': z.object({ time: clockTime.optional(), label: freeText.optional(), room }),
  'alarm.list': z.object({ which: whichScheduled, day: scheduledDay }),
  'alarm.snooze': z.object({ minutes: positiveSeconds.optional() }),
  'reminder.create': z.object({
    text: freeText.optional(),
    at: localDateTime.optional(),
    in_seconds: positiveSeconds.optional(),
  }),
  'reminder.list': z.object({ text: freeText.optional(), which: whichScheduled, day: scheduledDay }),
  'reminder.cancel': z.object({ text: freeText.optional() }),
  'weather.get': z.object({
    location: freeText.optional(),
    day: z.union([z.enum(['today', 'tomorrow']), isoDate]).optional(),
  }),
  'time.get': z.object({ location: freeText.optional() }),
  // Nothing: today's date. `day` (an ISO date resolved from the user's local now) or `holiday`
  // (its next date, worked out by the skill) asks about another day.
  'date.get': z.object({
    day: isoDate.optional(),
    holiday: z.enum(holidayIds).optional(),
    ask: z.enum(dateAsks).optional(),
  }),
  'list.add': z.object({ item: freeText, list: freeText }),
  'list.remove': z.object({ item: freeText, list: freeText }),
  'list.read': z.object({ list: freeText }),
  // Without a name ("make a new list") the skill asks what to call it.
  'list.create': z.object({ list: freeText.optional() }),
  'list.delete': z.object({ list: freeText }),
  'list.list': z.object({}),
  'units.convert': z.object({ value: z.number().finite(), from: freeText, to: freeText }),
  'system.stop': z.object({}),
  'system.cancel': z.object({}),
  'system.help': z.object({}),
  'system.nevermind': z.object({}),
  'system.thanks': z.object({}),
} as const;

export type IntentName = keyof typeof intentSlotSchemas;
export const intentNames = Object.keys(intentSlotSchemas) as IntentName[];
export type IntentSlots<N extends IntentName> = z.infer<(typeof intentSlotSchemas)[N]>;

/** Slot values as they travel on the wire. */
export type SlotValue = string | number;
export type Slots = Record<string, SlotValue>;

export const intentNameSchema = z.enum(intentNames as [IntentName, ...IntentName[]]);

export const intentMatchSchema = z.object({
  name: intentNameSchema,
  confidence: z.number().min(0).max(1),
  slots: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type IntentMatch = z.infer<typeof intentMatchSchema>;

/** What the answer to a follow-up question must contain ("For how long?" -> a duration). */
export const answerKinds = ['duration', 'clock_time', 'location', 'text', 'choice'] as const;
export type AnswerKind = (typeof answerKinds)[number];
