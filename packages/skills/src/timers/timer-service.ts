import { MAX_TIMER_SECONDS, type Timer } from '@hark/contracts';
import { type Clock, generateId, HarkError } from '@hark/core';
import {
  type DueRef,
  type ItemChange,
  lateness,
  RETAIN_ENDED_SECONDS,
  type ScheduledItemStore,
} from '@hark/scheduling';
import { ensureBelowLimit, type ItemLimits } from '../scheduled/limits.js';
import { isActiveTimer, isRingingTimer, type TimerItem, timerRemainingMs, timerView } from './timer-item.js';

export interface StartTimer {
  durationSeconds: number;
  name?: string | null;
  deviceId?: string | null;
}

type TimerEventType =
  | 'timer.started'
  | 'timer.updated'
  | 'timer.cancelled'
  | 'timer.finished'
  | 'timer.stopped';

const stateWords: Record<TimerItem['state'], string> = {
  ON: 'running',
  PAUSED: 'paused',
  FINISHED: 'finished',
  CANCELLED: 'cancelled',
};

const invalidState = (timer: TimerItem, action: string) =>
  new HarkError(
    'INVALID_STATE',
    { what: `Timer ${timer.id}`, state: stateWords[timer.state], action },
    {
      state: timer.state,
    },
  );

function checkDuration(seconds: number, what: string): void {
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new HarkError('INVALID_DURATION', { reason: `${what} must be a whole number of seconds above 0` });
  }
  if (seconds > MAX_TIMER_SECONDS) {
    throw new HarkError('INVALID_DURATION', { reason: 'a timer can run for at most 30 days' });
  }
}

const cleanName = (name: string | null | undefined) => name?.trim().replace(/\s+/g, ' ') || null;

/**
 * Timers of one user: start, pause, resume, add and remove time, cancel, and firing.
 * Every change is a compare-and-set on the stored timer with its device event, and moves
 * the timer's scheduled due time in crash-safe order (see ScheduledItemStore).
 */
export class TimerService {
  constructor(
    private readonly items: ScheduledItemStore<TimerItem>,
    private readonly clock: Clock,
    private readonly limits: ItemLimits,
  ) {}

  list(userId: string): Promise<TimerItem[]> {
    return this.items.list(userId);
  }

  /** Now on the clock that set the due times: time left read against it never exceeds what was set. */
  now(): number {
    return this.clock.now().getTime();
  }

  /** The public shape of a timer, with the time it has left now. */
  view(timer: TimerItem): Timer {
    return timerView(timer, this.now());
  }

  get(userId: string, id: string): Promise<TimerItem | null> {
    return this.items.get(userId, id);
  }

  async start(userId: string, input: StartTimer): Promise<TimerItem> {
    checkDuration(input.durationSeconds, 'A timer');
    const now = this.clock.now();
    const timer: TimerItem = {
      id: generateId('tmr'),
      version: 1,
      createdAt: now.toISOString(),
      name: cleanName(input.name),
      durationSeconds: input.durationSeconds,
      state: 'ON',
      dueAt: now.getTime() + input.durationSeconds * 1000,
      remainingMs: null,
      deviceId: input.deviceId ?? null,
      finishedAt: null,
      stoppedAt: null,
    };
    return this.items.create(
      userId,
      {
        next: timer,
        event: this.event('timer.started', timer, now.getTime()),
      },
      () => this.checkLimit(userId),
    );
  }

  pause(userId: string, id: string): Promise<TimerItem> {
    return this.update(userId, id, (timer, now) => {
      if (timer.state !== 'ON') throw invalidState(timer, 'pause');
      return { state: 'PAUSED', dueAt: null, remainingMs: timerRemainingMs(timer, now) };
    });
  }

  resume(userId: string, id: string): Promise<TimerItem> {
    return this.update(userId, id, (timer, now) => {
      if (timer.state !== 'PAUSED') throw invalidState(timer, 'resume');
      return { state: 'ON', dueAt: now + (timer.remainingMs ?? 0), remainingMs: null };
    });
  }

  /** Adds time to a running or paused timer; the original duration stays as it was. */
  async addTime(userId: string, id: string, seconds: number): Promise<TimerItem> {
    checkDuration(seconds, 'Added time');
    return this.update(userId, id, (timer, now) => this.withRemaining(timer, now, seconds * 1000));
  }

  /** Removes time; refuses to remove all that is left (cancel it instead). */
  async removeTime(userId: string, id: string, seconds: number): Promise<TimerItem> {
    checkDuration(seconds, 'Removed time');
    return this.update(userId, id, (timer, now) => this.withRemaining(timer, now, -seconds * 1000));
  }

  /** Cancels a running or paused timer; a finished one that is still ringing is stopped instead. */
  cancel(userId: string, id: string): Promise<TimerItem> {
    return this.update(userId, id, (timer, now) => {
      if (isActiveTimer(timer)) return { state: 'CANCELLED', dueAt: null, remainingMs: null };
      if (timer.state === 'FINISHED' && timer.stoppedAt === null)
        return { stoppedAt: new Date(now).toISOString() };
      throw invalidState(timer, 'be cancelled');
    });
  }

  /** Cancels every running or paused timer; returns those it cancelled. */
  async cancelAll(userId: string): Promise<TimerItem[]> {
    const active = (await this.list(userId)).filter(isActiveTimer);
    const cancelled = await Promise.all(
      active.map((timer) => this.cancel(userId, timer.id).catch(() => null)),
    );
    return cancelled.filter((timer): timer is TimerItem => timer?.state === 'CANCELLED');
  }

  /** Stops every finished timer that is still ringing on the user's devices ("stop"), or those `which` picks. */
  async stopRinging(userId: string, which: (timer: TimerItem) => boolean = () => true): Promise<TimerItem[]> {
    const now = this.clock.now().getTime();
    const ringing = (await this.list(userId)).filter((timer) => isRingingTimer(timer, now) && which(timer));
    const stopped = await Promise.all(
      ringing.map((timer) => this.cancel(userId, timer.id).catch(() => null)),
    );
    return stopped.filter((timer): timer is TimerItem => timer !== null);
  }

  /** Finishes the timer if `ref` is still its current due time (see ScheduledItemStore.fireDue). */
  fireDue(ref: DueRef): Promise<boolean> {
    return this.items.fireDue(ref, (timer) => {
      const now = this.clock.now().getTime();
      const next: TimerItem = {
        ...timer,
        version: timer.version + 1,
        state: 'FINISHED',
        remainingMs: null,
        finishedAt: new Date(now).toISOString(),
        ...lateness(ref.dueAt, now),
      };
      return { next, event: this.event('timer.finished', next, now), ttlSeconds: RETAIN_ENDED_SECONDS };
    });
  }

  private withRemaining(timer: TimerItem, now: number, deltaMs: number): Partial<TimerItem> {
    const remaining = timerRemainingMs(timer, now);
    if (!isActiveTimer(timer) || remaining === null) throw invalidState(timer, 'change its time');
    const next = remaining + deltaMs;
    if (next <= 0) {
      throw new HarkError('INVALID_DURATION', {
        reason: `the timer has only ${Math.ceil(remaining / 1000)} s left; cancel it instead`,
      });
    }
    if (next > MAX_TIMER_SECONDS * 1000) {
      throw new HarkError('INVALID_DURATION', { reason: 'a timer can run for at most 30 days' });
    }
    return timer.state === 'ON' ? { dueAt: now + next } : { remainingMs: next };
  }

  private async update(
    userId: string,
    id: string,
    plan: (timer: TimerItem, now: number) => Partial<TimerItem>,
  ): Promise<TimerItem> {
    const outcome = await this.items.change(userId, id, (timer) => {
      const now = this.clock.now().getTime();
      const next: TimerItem = { ...timer, ...plan(timer, now), version: timer.version + 1 };
      return this.changeTo(next, now);
    });
    if (!outcome) throw new HarkError('NOT_FOUND', { what: `Timer ${id}` });
    return outcome.item;
  }

  private changeTo(next: TimerItem, now: number): ItemChange<TimerItem> {
    if (next.state === 'CANCELLED') {
      return { next, event: this.event('timer.cancelled', next, now), ttlSeconds: RETAIN_ENDED_SECONDS };
    }
    if (next.state === 'FINISHED') {
      return { next, event: this.event('timer.stopped', next, now), ttlSeconds: RETAIN_ENDED_SECONDS };
    }
    return { next, event: this.event('timer.updated', next, now) };
  }

  private event(type: TimerEventType, timer: TimerItem, now: number) {
    return { type, data: timerView(timer, now) };
  }

  private checkLimit(userId: string): Promise<void> {
    return ensureBelowLimit(this.items, this.limits, userId, 'timer', isActiveTimer);
  }
}
