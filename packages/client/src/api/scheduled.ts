import type { CallOptions, Transport } from '../transport.js';
import type {
  AlarmList,
  AlarmResponse,
  AlarmState,
  CreateAlarmRequest,
  CreateReminderRequest,
  CreateTimerRequest,
  ReminderList,
  ReminderResponse,
  ReminderState,
  TimerList,
  TimerResponse,
  TimerState,
  UpdateAlarmRequest,
  UpdateReminderRequest,
  UpdateTimerRequest,
} from '../types.js';

const itemPath = (kind: string, id: string) => `/v1/${kind}/${encodeURIComponent(id)}`;

export interface TimersApi {
  list(query?: { state?: TimerState }, options?: CallOptions): Promise<TimerList>;
  get(id: string, options?: CallOptions): Promise<TimerResponse>;
  create(request: CreateTimerRequest, options?: CallOptions): Promise<TimerResponse>;
  /** Pause, resume, add or remove time. */
  update(id: string, change: UpdateTimerRequest, options?: CallOptions): Promise<TimerResponse>;
  /** Cancels a timer, or silences one that finished and is still ringing. */
  cancel(id: string, options?: CallOptions): Promise<TimerResponse>;
}

export function timersApi(transport: Transport): TimersApi {
  return {
    list: (query, options) => transport.json({ path: '/v1/timers', auth: 'user', query, ...options }),
    get: (id, options) => transport.json({ path: itemPath('timers', id), auth: 'user', ...options }),
    create: (body, options) =>
      transport.json({ method: 'POST', path: '/v1/timers', auth: 'user', body, ...options }),
    update: (id, body, options) =>
      transport.json({ method: 'PATCH', path: itemPath('timers', id), auth: 'user', body, ...options }),
    cancel: (id, options) =>
      transport.json({ method: 'DELETE', path: itemPath('timers', id), auth: 'user', ...options }),
  };
}

export interface AlarmsApi {
  list(query?: { state?: AlarmState }, options?: CallOptions): Promise<AlarmList>;
  get(id: string, options?: CallOptions): Promise<AlarmResponse>;
  create(request: CreateAlarmRequest, options?: CallOptions): Promise<AlarmResponse>;
  /** Snooze or stop a ringing alarm. */
  update(id: string, change: UpdateAlarmRequest, options?: CallOptions): Promise<AlarmResponse>;
  cancel(id: string, options?: CallOptions): Promise<AlarmResponse>;
}

export function alarmsApi(transport: Transport): AlarmsApi {
  return {
    list: (query, options) => transport.json({ path: '/v1/alarms', auth: 'user', query, ...options }),
    get: (id, options) => transport.json({ path: itemPath('alarms', id), auth: 'user', ...options }),
    create: (body, options) =>
      transport.json({ method: 'POST', path: '/v1/alarms', auth: 'user', body, ...options }),
    update: (id, body, options) =>
      transport.json({ method: 'PATCH', path: itemPath('alarms', id), auth: 'user', body, ...options }),
    cancel: (id, options) =>
      transport.json({ method: 'DELETE', path: itemPath('alarms', id), auth: 'user', ...options }),
  };
}

export interface RemindersApi {
  list(query?: { state?: ReminderState }, options?: CallOptions): Promise<ReminderList>;
  get(id: string, options?: CallOptions): Promise<ReminderResponse>;
  create(request: CreateReminderRequest, options?: CallOptions): Promise<ReminderResponse>;
  /** Move a reminder to another time. */
  update(id: string, change: UpdateReminderRequest, options?: CallOptions): Promise<ReminderResponse>;
  cancel(id: string, options?: CallOptions): Promise<ReminderResponse>;
}

export function remindersApi(transport: Transport): RemindersApi {
  return {
    list: (query, options) => transport.json({ path: '/v1/reminders', auth: 'user', query, ...options }),
    get: (id, options) => transport.json({ path: itemPath('reminders', id), auth: 'user', ...options }),
    create: (body, options) =>
      transport.json({ method: 'POST', path: '/v1/reminders', auth: 'user', body, ...options }),
    update: (id, body, options) =>
      transport.json({ method: 'PATCH', path: itemPath('reminders', id), auth: 'user', body, ...options }),
    cancel: (id, options) =>
      transport.json({ method: 'DELETE', path: itemPath('reminders', id), auth: 'user', ...options }),
  };
}
