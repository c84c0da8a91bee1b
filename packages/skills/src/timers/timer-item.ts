import type { Timer } from '@hark/contracts';
import { z } from 'zod';

export const timerItemSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  name: z.string().nullable(),
  /** As first set; selecting "the 10 minute timer" uses it even after time was added. */
  durationSeconds: z.number().int().positive(),
  state: z.enum(['ON', 'PAUSED', 'FINISHED', 'CANCELLED']),
  /** Epoch ms it finishes (ON) or finished (FINISHED); null otherwise. */
  dueAt: z.number().int().nullable(),
  /** Kept while PAUSED; null otherwise. */
  remainingMs: z.number().int().nullable(),
  deviceId: z.string().nullable(),
  finishedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  late: z.literal(true).optional(),
  latenessMs: z.number().int().optional(),
});
export type TimerItem = z.infer<typeof timerItemSchema>;

export const isActiveTimer = (timer: TimerItem): boolean => timer.state === 'ON' || timer.state === 'PAUSED';

/** Only a running timer has something due. */
export const timerDueTime = (timer: TimerItem): number | null => (timer.state === 'ON' ? timer.dueAt : null);

/** Time left at `now`: counting down while ON, frozen while PAUSED, 0 when finished, none when cancelled. */
export function timerRemainingMs(timer: TimerItem, now: number): number | null {
  if (timer.state === 'ON' && timer.dueAt !== null) return Math.max(0, timer.dueAt - now);
  if (timer.state === 'PAUSED') return timer.remainingMs;
  return timer.state === 'FINISHED' ? 0 : null;
}

/** A finished timer keeps ringing on the user's devices until someone stops it or this passes. */
export const TIMER_RING_MS = 10 * 60_000;

export const isRingingTimer = (timer: TimerItem, now: number): boolean =>
  timer.state === 'FINISHED' &&
  timer.stoppedAt === null &&
  timer.finishedAt !== null &&
  now - Date.parse(timer.finishedAt) < TIMER_RING_MS;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape (REST responses and device events): ISO instants and the time left now. */
export function timerView(timer: TimerItem, now: number): Timer {
  return {
    id: timer.id,
    version: timer.version,
    createdAt: timer.createdAt,
    deviceId: timer.deviceId,
    name: timer.name,
    durationSeconds: timer.durationSeconds,
    state: timer.state,
    dueAt: iso(timer.dueAt),
    remainingMs: timerRemainingMs(timer, now),
    finishedAt: timer.finishedAt,
    stoppedAt: timer.stoppedAt,
    ...(timer.late ? { late: true, latenessMs: timer.latenessMs } : {}),
  };
}
