import type { Clock, RedisClient } from '@hark/core';
import {
  createDueHandler,
  type DueHandler,
  type DueHandlerOptions,
  ItemStore,
  ScheduledItemStore,
  type SchedulePort,
  type SchedulingKeys,
} from '@hark/scheduling';
import { type AlarmItem, alarmDueTime, alarmItemSchema } from '../alarms/alarm-item.js';
import { AlarmService } from '../alarms/alarm-service.js';
import { type ReminderItem, reminderDueTime, reminderItemSchema } from '../reminders/reminder-item.js';
import { ReminderService } from '../reminders/reminder-service.js';
import { type TimerItem, timerDueTime, timerItemSchema } from '../timers/timer-item.js';
import { TimerService } from '../timers/timer-service.js';
import type { ItemLimits } from './limits.js';

export interface ScheduledItemsOptions {
  redis: RedisClient;
  keys: SchedulingKeys;
  clock: Clock;
  schedule: SchedulePort;
  limits: ItemLimits;
  /** Approximate cap of each user's device-event stream. */
  streamCap?: number;
  onFireError?: DueHandlerOptions['onError'];
}

/** Timers, alarms and reminders over one Redis: what skills, REST routes and the scheduler share. */
export interface ScheduledItems {
  timers: TimerService;
  alarms: AlarmService;
  reminders: ReminderService;
  /** The Scheduler's handler: fires due timers, alarms and reminders. */
  handleDue: DueHandler;
}

export const DEFAULT_EVENT_STREAM_CAP = 1_000;

export function createScheduledItems(options: ScheduledItemsOptions): ScheduledItems {
  const { redis, keys, clock, schedule, limits } = options;
  const storeOptions = { streamCap: options.streamCap ?? DEFAULT_EVENT_STREAM_CAP };
  const timerStore = new ItemStore<TimerItem>(redis, keys, 'timer', timerItemSchema, storeOptions);
  const alarmStore = new ItemStore<AlarmItem>(redis, keys, 'alarm', alarmItemSchema, storeOptions);
  const reminderStore = new ItemStore<ReminderItem>(
    redis,
    keys,
    'reminder',
    reminderItemSchema,
    storeOptions,
  );
  const timers = new TimerService(new ScheduledItemStore(timerStore, schedule, timerDueTime), clock, limits);
  const alarms = new AlarmService(new ScheduledItemStore(alarmStore, schedule, alarmDueTime), clock, limits);
  const reminders = new ReminderService(
    new ScheduledItemStore(reminderStore, schedule, reminderDueTime),
    clock,
    limits,
  );
  const handleDue = createDueHandler(
    { timer: timers, alarm: alarms, reminder: reminders },
    { onError: options.onFireError },
  );
  return { timers, alarms, reminders, handleDue };
}
