import { DEFAULT_SNOOZE_MINUTES, MAX_SNOOZE_MINUTES, repeatRule } from '@hark/contracts';
import { type Clock, generateId, HarkError } from '@hark/core';
import {
  type DueRef,
  type ItemChange,
  lateness,
  RETAIN_ENDED_SECONDS,
  type ScheduledItemStore,
} from '@hark/scheduling';
import { ensureBelowLimit, type ItemLimits } from '../scheduled/limits.js';
import { type AlarmItem, alarmView, isActiveAlarm } from './alarm-item.js';
import { isValidLocalDate, nextOccurrence } from './alarm-recurrence.js';

export interface SetAlarm {
  time: string;
  date?: string | null;
  repeat?: string | null;
  label?: string | null;
  timeZone: string;
  deviceId?: string | null;
}

type AlarmEventType = 'alarm.set' | 'alarm.ringing' | 'alarm.snoozed' | 'alarm.stopped' | 'alarm.cancelled';

/** Changes into SCHEDULED or DONE only happen when an alarm stops ringing; `alarm.set` is sent on creation. */
const eventOnEntering: Record<AlarmItem['state'], AlarmEventType> = {
  SCHEDULED: 'alarm.stopped',
  RINGING: 'alarm.ringing',
  SNOOZED: 'alarm.snoozed',
  DONE: 'alarm.stopped',
  CANCELLED: 'alarm.cancelled',
};

/** A ringing alarm nobody stops stops itself after this, like a bedside clock. */
export const ALARM_RING_MS = 10 * 60_000;

const clockTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

const invalidState = (alarm: AlarmItem, action: string) =>
  new HarkError(
    'INVALID_STATE',
    { what: `Alarm ${alarm.id}`, state: alarm.state.toLowerCase(), action },
    { state: alarm.state },
  );

function withoutLateness(alarm: AlarmItem): AlarmItem {
  const { late: _late, latenessMs: _latenessMs, ...rest } = alarm;
  return rest;
}

function checkClock(input: SetAlarm): void {
  if (!clockTimePattern.test(input.time))
    throw new HarkError('INVALID_TIME', { reason: `"${input.time}" is not HH:MM` });
  if (input.date && !isValidLocalDate(input.date)) {
    throw new HarkError('INVALID_TIME', { reason: `${input.date} is not a date` });
  }
  if (input.repeat && !repeatRule.safeParse(input.repeat).success) {
    throw new HarkError('INVALID_TIME', { reason: `"${input.repeat}" is not a repeat rule` });
  }
}

/**
 * Alarms at a local clock time, once or repeating. Each alarm's due time is whatever it
 * does next by itself: ring (SCHEDULED, SNOOZED) or stop ringing (RINGING); so ringing,
 * snoozing, timing out and moving on to the next day are all just due times firing.
 */
export class AlarmService {
  constructor(
    private readonly items: ScheduledItemStore<AlarmItem>,
    private readonly clock: Clock,
    private readonly limits: ItemLimits,
  ) {}

  list(userId: string): Promise<AlarmItem[]> {
    return this.items.list(userId);
  }

  get(userId: string, id: string): Promise<AlarmItem | null> {
    return this.items.get(userId, id);
  }

  async create(userId: string, input: SetAlarm): Promise<AlarmItem> {
    checkClock(input);
    const now = this.clock.now();
    const clock = {
      time: input.time,
      date: input.date ?? null,
      repeat: input.repeat ?? null,
      timeZone: input.timeZone,
    };
    const ringsAt = nextOccurrence(clock, now.getTime());
    if (ringsAt === null)
      throw new HarkError('INVALID_TIME', { reason: `${input.date} ${input.time} has passed` });
    const alarm: AlarmItem = {
      id: generateId('alm'),
      version: 1,
      createdAt: now.toISOString(),
      ...clock,
      label: input.label?.trim() || null,
      state: 'SCHEDULED',
      ringsAt,
      dueAt: ringsAt,
      ringingSince: null,
      deviceId: input.deviceId ?? null,
    };
    return this.items.create(userId, { next: alarm, event: this.event('alarm.set', alarm) }, () =>
      this.checkLimit(userId),
    );
  }

  cancel(userId: string, id: string): Promise<AlarmItem> {
    return this.update(userId, id, (alarm) => {
      if (!isActiveAlarm(alarm)) throw invalidState(alarm, 'be cancelled');
      return { ...withoutLateness(alarm), state: 'CANCELLED', dueAt: null, ringingSince: null };
    });
  }

  async snooze(userId: string, id: string, minutes = DEFAULT_SNOOZE_MINUTES): Promise<AlarmItem> {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SNOOZE_MINUTES) {
      throw new HarkError('INVALID_DURATION', { reason: `snooze for 1 to ${MAX_SNOOZE_MINUTES} minutes` });
    }
    return this.update(userId, id, (alarm, now) => {
      if (alarm.state !== 'RINGING') throw invalidState(alarm, 'be snoozed');
      return {
        ...withoutLateness(alarm),
        state: 'SNOOZED',
        dueAt: now + minutes * 60_000,
        ringingSince: null,
      };
    });
  }

  /** Stops a ringing or snoozed alarm: a repeating one moves on to its next day, a one-off one is done. */
  stop(userId: string, id: string): Promise<AlarmItem> {
    return this.update(userId, id, (alarm, now) => {
      if (alarm.state !== 'RINGING' && alarm.state !== 'SNOOZED') throw invalidState(alarm, 'be stopped');
      return this.afterRinging(alarm, now);
    });
  }

  async ringing(userId: string): Promise<AlarmItem[]> {
    return (await this.list(userId)).filter((alarm) => alarm.state === 'RINGING');
  }

  /** Stops every alarm that is ringing right now ("stop"), or those `which` picks; returns them as they are afterwards. */
  async stopRinging(userId: string, which: (alarm: AlarmItem) => boolean = () => true): Promise<AlarmItem[]> {
    const ringing = (await this.ringing(userId)).filter(which);
    const stopped = await Promise.all(ringing.map((alarm) => this.stop(userId, alarm.id).catch(() => null)));
    return stopped.filter((alarm): alarm is AlarmItem => alarm !== null);
  }

  /** Rings (SCHEDULED, SNOOZED) or stops ringing (RINGING) if `ref` is still the alarm's due time. */
  fireDue(ref: DueRef): Promise<boolean> {
    return this.items.fireDue(ref, (alarm) => {
      const now = this.clock.now().getTime();
      if (alarm.state === 'RINGING') return this.changeTo(this.afterRinging(alarm, now), alarm.version);
      const ringing: AlarmItem = {
        ...alarm,
        state: 'RINGING',
        ringingSince: now,
        dueAt: now + ALARM_RING_MS,
        ...lateness(ref.dueAt, now),
      };
      return this.changeTo(ringing, alarm.version);
    });
  }

  private afterRinging(alarm: AlarmItem, now: number): AlarmItem {
    const base = { ...withoutLateness(alarm), ringingSince: null };
    const next = alarm.repeat === null ? null : nextOccurrence(alarm, Math.max(alarm.ringsAt ?? now, now));
    return next === null
      ? { ...base, state: 'DONE', dueAt: null }
      : { ...base, state: 'SCHEDULED', ringsAt: next, dueAt: next };
  }

  private async update(
    userId: string,
    id: string,
    plan: (alarm: AlarmItem, now: number) => AlarmItem,
  ): Promise<AlarmItem> {
    const outcome = await this.items.change(userId, id, (alarm) =>
      this.changeTo(plan(alarm, this.clock.now().getTime()), alarm.version),
    );
    if (!outcome) throw new HarkError('NOT_FOUND', { what: `Alarm ${id}` });
    return outcome.item;
  }

  /** The stored change for a new state, with the event that tells devices about it. */
  private changeTo(state: AlarmItem, fromVersion: number): ItemChange<AlarmItem> {
    const next = { ...state, version: fromVersion + 1 };
    const type = eventOnEntering[next.state];
    const ended = next.state === 'DONE' || next.state === 'CANCELLED';
    return { next, event: this.event(type, next), ...(ended ? { ttlSeconds: RETAIN_ENDED_SECONDS } : {}) };
  }

  private event(type: AlarmEventType, alarm: AlarmItem) {
    return { type, data: alarmView(alarm) };
  }

  private checkLimit(userId: string): Promise<void> {
    return ensureBelowLimit(this.items, this.limits, userId, 'alarm', isActiveAlarm);
  }
}
