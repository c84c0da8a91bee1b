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

const timerSelector = {
  name: freeText.optional(),
  original_seconds: positiveSeconds.optional(),
};

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
  }),
  'alarm.cancel': z.object({ time: clockTime.optional(), label: freeText.optional() }),
  'alarm.list': z.object({}),
  'alarm.snooze': z.object({ minutes: positiveSeconds.optional() }),
  'reminder.create': z.object({
    text: freeText.optional(),
    at: localDateTime.optional(),
    in_seconds: positiveSeconds.optional(),
  }),
  'reminder.list': z.object({ text: freeText.optional() }),
  'reminder.cancel': z.object({ text: freeText.optional() }),
  'weather.get': z.object({
    location: freeText.optional(),
    day: z.union([z.enum(['today', 'tomorrow']), isoDate]).optional(),
  }),
  'time.get': z.object({ location: freeText.optional() }),
  'date.get': z.object({}),
  'list.add': z.object({ item: freeText, list: freeText }),
  'list.remove': z.object({ item: freeText, list: freeText }),
  'list.read': z.object({ list: freeText }),
  'units.convert': z.object({ value: z.number().finite(), from: freeText, to: freeText }),
  'system.stop': z.object({}),
  'system.cancel': z.object({}),
  'system.help': z.object({}),
  'system.nevermind': z.object({}),
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
