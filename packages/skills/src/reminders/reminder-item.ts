import type { Reminder } from '@hark/contracts';
import { z } from 'zod';

export const reminderItemSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  text: z.string(),
  state: z.enum(['SCHEDULED', 'DONE', 'CANCELLED']),
  /** Epoch ms it is (or was) due. */
  dueAt: z.number().int(),
  /** The zone it was set in, so "at 5 PM" is read back in the same zone. */
  timeZone: z.string(),
  deviceId: z.string().nullable(),
  firedAt: z.string().nullable(),
  late: z.literal(true).optional(),
  latenessMs: z.number().int().optional(),
});
export type ReminderItem = z.infer<typeof reminderItemSchema>;

export const isPendingReminder = (reminder: ReminderItem): boolean => reminder.state === 'SCHEDULED';

export const reminderDueTime = (reminder: ReminderItem): number | null =>
  reminder.state === 'SCHEDULED' ? reminder.dueAt : null;

/** The public shape (REST responses and device events). */
export function reminderView(reminder: ReminderItem): Reminder {
  return {
    id: reminder.id,
    version: reminder.version,
    createdAt: reminder.createdAt,
    deviceId: reminder.deviceId,
    text: reminder.text,
    state: reminder.state,
    dueAt: new Date(reminder.dueAt).toISOString(),
    timeZone: reminder.timeZone,
    firedAt: reminder.firedAt,
    ...(reminder.late ? { late: true, latenessMs: reminder.latenessMs } : {}),
  };
}
