import { z } from 'zod';
import { itemBaseShape, utcInstantSchema } from './scheduled-items.js';

/** Longest relative delay: a year ahead is what people plan with reminders. */
export const MAX_REMINDER_SECONDS = 366 * 24 * 3600;

export const reminderStateSchema = z
  .enum(['SCHEDULED', 'DONE', 'CANCELLED'])
  .describe('DONE (it was due) and CANCELLED age out after an hour');
export type ReminderState = z.infer<typeof reminderStateSchema>;

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'local ISO date-time, YYYY-MM-DDTHH:MM')
  .describe('Local date and time, e.g. 2026-11-27T17:00');

export const reminderSchema = z
  .object({
    ...itemBaseShape,
    text: z.string().describe('What to remind of'),
    state: reminderStateSchema,
    dueAt: utcInstantSchema,
    timeZone: z.string().describe('IANA zone the reminder was set in'),
    firedAt: utcInstantSchema.nullable(),
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof reminderSchema>;

/** When: a local date-time (`at`) or a delay (`inSeconds`), exactly one of them. */
const when = {
  at: localDateTime.optional(),
  inSeconds: z.number().int().positive().max(MAX_REMINDER_SECONDS).optional(),
  timezone: z.string().max(64).optional().describe("IANA zone of `at`; defaults to the user's, else UTC"),
};

const exactlyOneWhen = (body: { at?: string; inSeconds?: number }) =>
  (body.at === undefined) !== (body.inSeconds === undefined);
const whenMessage = { message: 'give exactly one of `at` and `inSeconds`', path: ['at'] };

export const createReminderRequestSchema = z
  .object({
    text: z.string().trim().min(1).max(200),
    ...when,
    deviceId: z.string().min(1).max(128).optional(),
  })
  .refine(exactlyOneWhen, whenMessage);
export type CreateReminderRequest = z.infer<typeof createReminderRequestSchema>;

export const updateReminderRequestSchema = z
  .object({ action: z.literal('reschedule'), ...when })
  .refine(exactlyOneWhen, whenMessage);
export type UpdateReminderRequest = z.infer<typeof updateReminderRequestSchema>;

export const listRemindersQuerySchema = z.object({ state: reminderStateSchema.optional() });

export const reminderResponseSchema = z.object({ reminder: reminderSchema });
export const reminderListResponseSchema = z.object({ reminders: z.array(reminderSchema) });
