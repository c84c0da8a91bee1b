import { z } from 'zod';
import { repeatRule } from './intents.js';
import { itemBaseShape, utcInstantSchema } from './scheduled-items.js';

export const DEFAULT_SNOOZE_MINUTES = 9;
export const MAX_SNOOZE_MINUTES = 60;

export const alarmStateSchema = z
  .enum(['SCHEDULED', 'RINGING', 'SNOOZED', 'DONE', 'CANCELLED'])
  .describe(
    'A repeating alarm goes back to SCHEDULED for its next day after ringing; a one-off one ends DONE. ' +
      'DONE and CANCELLED age out after an hour',
  );
export type AlarmState = z.infer<typeof alarmStateSchema>;

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 h')
  .describe('Local clock time, HH:MM (24 h)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .describe('Local date, YYYY-MM-DD');

export const alarmSchema = z
  .object({
    ...itemBaseShape,
    time: clockTime,
    date: isoDate
      .nullable()
      .describe('The day of a one-off alarm; for a repeating one, the first day it may ring'),
    repeat: repeatRule
      .nullable()
      .describe('daily, weekdays, weekends or days such as "mon,wed"; null = once'),
    label: z.string().nullable(),
    timeZone: z.string().describe('IANA zone the clock time is in; daylight saving time is followed'),
    state: alarmStateSchema,
    ringsAt: utcInstantSchema.nullable().describe('The occurrence it is set for, or ringing for'),
    dueAt: utcInstantSchema
      .nullable()
      .describe('When it next changes by itself: rings, rings again after a snooze, or stops ringing'),
    ringingSince: utcInstantSchema.nullable(),
  })
  .meta({ id: 'Alarm' });
export type Alarm = z.infer<typeof alarmSchema>;

export const createAlarmRequestSchema = z.object({
  time: clockTime,
  date: isoDate.optional(),
  repeat: repeatRule.optional().describe('daily, weekdays, weekends or days such as "mon,wed"'),
  label: z.string().trim().min(1).max(100).optional(),
  timezone: z
    .string()
    .max(64)
    .optional()
    .describe("IANA zone of `time`; defaults to the user's stored zone, else UTC"),
  deviceId: z.string().min(1).max(128).optional(),
});
export type CreateAlarmRequest = z.infer<typeof createAlarmRequestSchema>;

export const updateAlarmRequestSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('snooze'),
    minutes: z.number().int().positive().max(MAX_SNOOZE_MINUTES).optional().describe('Default 9'),
  }),
  z.object({ action: z.literal('stop') }),
]);
export type UpdateAlarmRequest = z.infer<typeof updateAlarmRequestSchema>;

export const listAlarmsQuerySchema = z.object({ state: alarmStateSchema.optional() });

export const alarmResponseSchema = z.object({ alarm: alarmSchema });
export const alarmListResponseSchema = z.object({ alarms: z.array(alarmSchema) });
