import type { Alarm } from '@hark/contracts';
import { z } from 'zod';

export const alarmItemSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  /** Local clock time "HH:MM" in `timeZone`. */
  time: z.string(),
  /** One-off: its day. Repeating: the first day it may ring. Null: the next time the clock shows `time`. */
  date: z.string().nullable(),
  repeat: z.string().nullable(),
  label: z.string().nullable(),
  timeZone: z.string(),
  state: z.enum(['SCHEDULED', 'RINGING', 'SNOOZED', 'DONE', 'CANCELLED']),
  /** Epoch ms of the occurrence it is set for, or ringing for. */
  ringsAt: z.number().int().nullable(),
  /** Epoch ms of its next change by itself: ring (SCHEDULED, SNOOZED) or stop ringing (RINGING). */
  dueAt: z.number().int().nullable(),
  ringingSince: z.number().int().nullable(),
  deviceId: z.string().nullable(),
  late: z.literal(true).optional(),
  latenessMs: z.number().int().optional(),
});
export type AlarmItem = z.infer<typeof alarmItemSchema>;

export const isActiveAlarm = (alarm: AlarmItem): boolean =>
  alarm.state === 'SCHEDULED' || alarm.state === 'RINGING' || alarm.state === 'SNOOZED';

export const alarmDueTime = (alarm: AlarmItem): number | null => (isActiveAlarm(alarm) ? alarm.dueAt : null);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape (REST responses and device events). */
export function alarmView(alarm: AlarmItem): Alarm {
  return {
    id: alarm.id,
    version: alarm.version,
    createdAt: alarm.createdAt,
    deviceId: alarm.deviceId,
    time: alarm.time,
    date: alarm.date,
    repeat: alarm.repeat,
    label: alarm.label,
    timeZone: alarm.timeZone,
    state: alarm.state,
    ringsAt: iso(alarm.ringsAt),
    dueAt: iso(alarm.dueAt),
    ringingSince: iso(alarm.ringingSince),
    ...(alarm.late ? { late: true, latenessMs: alarm.latenessMs } : {}),
  };
}
