import { MAX_REMINDER_SECONDS } from '@hark/contracts';
import { type Clock, generateId, HarkError } from '@hark/core';
import {
  type DueRef,
  type ItemChange,
  lateness,
  RETAIN_ENDED_SECONDS,
  type ScheduledItemStore,
} from '@hark/scheduling';
import { DateTime } from 'luxon';
import { ensureBelowLimit, type ItemLimits } from '../scheduled/limits.js';
import { isPendingReminder, type ReminderItem, reminderView } from './reminder-item.js';

/** When a reminder is due: a local date-time in `timeZone`, or a delay from now. */
export interface ReminderWhen {
  at?: string;
  inSeconds?: number;
  timeZone: string;
}

export interface CreateReminder extends ReminderWhen {
  text: string;
  deviceId?: string | null;
}

type ReminderEventType = 'reminder.created' | 'reminder.updated' | 'reminder.cancelled' | 'reminder.due';

const invalidState = (reminder: ReminderItem, action: string) =>
  new HarkError(
    'INVALID_STATE',
    { what: `Reminder ${reminder.id}`, state: reminder.state.toLowerCase(), action },
    { state: reminder.state },
  );

/** The due instant (epoch ms) a request means; 400s for a time that does not exist or has passed. */
export function reminderDueAt(when: ReminderWhen, now: number): number {
  if (when.inSeconds !== undefined) {
    if (!Number.isInteger(when.inSeconds) || when.inSeconds <= 0 || when.inSeconds > MAX_REMINDER_SECONDS) {
      throw new HarkError('INVALID_DURATION', { reason: 'a reminder delay is 1 second to 366 days' });
    }
    return now + when.inSeconds * 1000;
  }
  if (when.at === undefined) throw new HarkError('INVALID_TIME', { reason: 'say when: `at` or `inSeconds`' });
  const local = DateTime.fromISO(when.at, { zone: when.timeZone });
  if (!local.isValid) throw new HarkError('INVALID_TIME', { reason: `${when.at} is not a date and time` });
  if (local.toMillis() <= now) throw new HarkError('INVALID_TIME', { reason: `${when.at} has passed` });
  return local.toMillis();
}

/** Reminders: a text due at a moment; when it comes due devices get `reminder.due`. */
export class ReminderService {
  constructor(
    private readonly items: ScheduledItemStore<ReminderItem>,
    private readonly clock: Clock,
    private readonly limits: ItemLimits,
  ) {}

  list(userId: string): Promise<ReminderItem[]> {
    return this.items.list(userId);
  }

  get(userId: string, id: string): Promise<ReminderItem | null> {
    return this.items.get(userId, id);
  }

  async create(userId: string, input: CreateReminder): Promise<ReminderItem> {
    const now = this.clock.now();
    const text = input.text.trim().replace(/\s+/g, ' ');
    if (text === '') throw new HarkError('VALIDATION', { summary: 'text must not be empty' });
    const dueAt = reminderDueAt(input, now.getTime());
    const reminder: ReminderItem = {
      id: generateId('rem'),
      version: 1,
      createdAt: now.toISOString(),
      text,
      state: 'SCHEDULED',
      dueAt,
      timeZone: input.timeZone,
      deviceId: input.deviceId ?? null,
      firedAt: null,
    };
    return this.items.create(
      userId,
      { next: reminder, event: this.event('reminder.created', reminder) },
      () => this.checkLimit(userId),
    );
  }

  /** Moves a pending reminder, or brings back one that was already due ("remind me again in 10 minutes"). */
  async reschedule(userId: string, id: string, when: ReminderWhen): Promise<ReminderItem> {
    const dueAt = reminderDueAt(when, this.clock.now().getTime());
    return this.update(userId, id, 'reminder.updated', (reminder) => {
      if (reminder.state === 'CANCELLED') throw invalidState(reminder, 'be rescheduled');
      const { late: _late, latenessMs: _latenessMs, ...rest } = reminder;
      return { ...rest, state: 'SCHEDULED', dueAt, timeZone: when.timeZone, firedAt: null };
    });
  }

  cancel(userId: string, id: string): Promise<ReminderItem> {
    return this.update(userId, id, 'reminder.cancelled', (reminder) => {
      if (!isPendingReminder(reminder)) throw invalidState(reminder, 'be cancelled');
      return { ...reminder, state: 'CANCELLED' };
    });
  }

  /** Marks the reminder due, with its `reminder.due` event, if `ref` is still its due time. */
  fireDue(ref: DueRef): Promise<boolean> {
    return this.items.fireDue(ref, (reminder) => {
      const now = this.clock.now().getTime();
      const done: ReminderItem = {
        ...reminder,
        state: 'DONE',
        firedAt: new Date(now).toISOString(),
        ...lateness(ref.dueAt, now),
      };
      return this.changeTo(done, reminder.version, 'reminder.due');
    });
  }

  private async update(
    userId: string,
    id: string,
    type: ReminderEventType,
    plan: (reminder: ReminderItem) => ReminderItem,
  ): Promise<ReminderItem> {
    const outcome = await this.items.change(userId, id, (reminder) =>
      this.changeTo(plan(reminder), reminder.version, type),
    );
    if (!outcome) throw new HarkError('NOT_FOUND', { what: `Reminder ${id}` });
    return outcome.item;
  }

  private changeTo(
    state: ReminderItem,
    fromVersion: number,
    type: ReminderEventType,
  ): ItemChange<ReminderItem> {
    const next = { ...state, version: fromVersion + 1 };
    const ended = next.state !== 'SCHEDULED';
    return { next, event: this.event(type, next), ...(ended ? { ttlSeconds: RETAIN_ENDED_SECONDS } : {}) };
  }

  private event(type: ReminderEventType, reminder: ReminderItem) {
    return { type, data: reminderView(reminder) };
  }

  private checkLimit(userId: string): Promise<void> {
    return ensureBelowLimit(this.items, this.limits, userId, 'reminder', isPendingReminder);
  }
}
