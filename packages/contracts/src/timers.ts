import { z } from 'zod';
import { itemBaseShape, utcInstantSchema } from './scheduled-items.js';

/** Longest timer: beyond a month a timer is really a reminder. */
export const MAX_TIMER_SECONDS = 30 * 24 * 3600;

const timerSeconds = z.number().int().positive().max(MAX_TIMER_SECONDS);

export const timerStateSchema = z
  .enum(['ON', 'PAUSED', 'FINISHED', 'CANCELLED'])
  .describe('ON counts down; PAUSED keeps its remaining time; FINISHED and CANCELLED age out after an hour');
export type TimerState = z.infer<typeof timerStateSchema>;

export const timerSchema = z
  .object({
    ...itemBaseShape,
    name: z.string().nullable().describe('"pasta" for "set a pasta timer"'),
    durationSeconds: z.number().int().positive().describe('As first set; adding time does not change it'),
    state: timerStateSchema,
    dueAt: utcInstantSchema.nullable().describe('When it finishes (ON) or finished (FINISHED)'),
    remainingMs: z
      .number()
      .int()
      .nullable()
      .describe('Time left: as of this response or event while ON, as kept while PAUSED'),
    finishedAt: utcInstantSchema.nullable(),
    stoppedAt: utcInstantSchema.nullable().describe('When someone stopped it ringing after it finished'),
  })
  .meta({ id: 'Timer' });
export type Timer = z.infer<typeof timerSchema>;

export const createTimerRequestSchema = z.object({
  durationSeconds: timerSeconds.describe('Length of the timer; at most 30 days'),
  name: z.string().trim().min(1).max(100).optional(),
  deviceId: z.string().min(1).max(128).optional(),
});
export type CreateTimerRequest = z.infer<typeof createTimerRequestSchema>;

export const updateTimerRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('add_time'), seconds: timerSeconds }),
  z.object({ action: z.literal('remove_time'), seconds: timerSeconds }),
]);
export type UpdateTimerRequest = z.infer<typeof updateTimerRequestSchema>;

export const listTimersQuerySchema = z.object({
  state: timerStateSchema.optional().describe('Only timers in this state'),
});

export const timerResponseSchema = z.object({ timer: timerSchema });
export const timerListResponseSchema = z.object({ timers: z.array(timerSchema) });
