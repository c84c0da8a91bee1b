// The user's timers, alarms and reminders as this page knows them: loaded over REST, kept current
// by device events, each with the local instant it is due (so countdowns need no server clock).

/** A finished timer rings on every device until stopped, or for this long (the server's rule). */
export const TIMER_RING_MS = 10 * 60_000;

/** When `item` is next due, on this browser's clock: now + what the server said was left. */
function localDueAt(kind, item, receivedAt) {
  if (kind === 'timer') {
    return item.state === 'ON' && item.remainingMs !== null ? receivedAt + item.remainingMs : null;
  }
  if (kind === 'reminder') return item.state === 'SCHEDULED' ? Date.parse(item.dueAt) : null;
  const next = item.state === 'SNOOZED' ? item.dueAt : item.ringsAt;
  return next ? Date.parse(next) : null;
}

export const isRingingTimer = (timer, now = Date.now()) =>
  timer.state === 'FINISHED' &&
  timer.stoppedAt === null &&
  timer.finishedAt !== null &&
  now - Date.parse(timer.finishedAt) < TIMER_RING_MS;

export const isRingingAlarm = (alarm) => alarm.state === 'RINGING';

const isShownTimer = (timer, now) =>
  timer.state === 'ON' || timer.state === 'PAUSED' || isRingingTimer(timer, now);
const isShownAlarm = (alarm) =>
  alarm.state === 'SCHEDULED' || alarm.state === 'SNOOZED' || alarm.state === 'RINGING';

export class ClockItems {
  /** kind -> id -> {item, dueAt} */
  #items = { timer: new Map(), alarm: new Map(), reminder: new Map() };

  /** Replaces everything of `kind` with a fresh REST listing. */
  replace(kind, items, receivedAt = Date.now()) {
    this.#items[kind] = new Map(items.map((item) => [item.id, this.#entry(kind, item, receivedAt)]));
  }

  /**
   * Applies an item from an event or a REST answer; returns false when it is older than what
   * we have (events replayed after a reconnect may arrive after a fresher REST answer).
   */
  upsert(kind, item, receivedAt = Date.now()) {
    const known = this.#items[kind].get(item.id);
    if (known && known.item.version > item.version) return false;
    this.#items[kind].set(item.id, this.#entry(kind, item, receivedAt));
    return true;
  }

  #entry(kind, item, receivedAt) {
    return { item, dueAt: localDueAt(kind, item, receivedAt) };
  }

  /** Timers, alarms and pending reminders to list (not ringing), soonest first. */
  upcoming(now = Date.now()) {
    const rank = (entry) => entry.dueAt ?? Number.MAX_SAFE_INTEGER;
    const reminders = [...this.#items.reminder.values()].filter(({ item }) => item.state === 'SCHEDULED');
    const timers = [...this.#items.timer.values()].filter(
      ({ item }) => isShownTimer(item, now) && !isRingingTimer(item, now),
    );
    const alarms = [...this.#items.alarm.values()].filter(
      ({ item }) => isShownAlarm(item) && !isRingingAlarm(item),
    );
    return {
      timers: timers.sort((a, b) => rank(a) - rank(b)),
      alarms: alarms.sort((a, b) => rank(a) - rank(b)),
      reminders: reminders.sort((a, b) => rank(a) - rank(b)),
    };
  }

  /** What is ringing now: [{kind, item}] */
  ringing(now = Date.now()) {
    const timers = [...this.#items.timer.values()]
      .filter(({ item }) => isRingingTimer(item, now))
      .map(({ item }) => ({ kind: 'timer', item }));
    const alarms = [...this.#items.alarm.values()]
      .filter(({ item }) => isRingingAlarm(item))
      .map(({ item }) => ({ kind: 'alarm', item }));
    return [...timers, ...alarms];
  }
}

/** "pasta timer", "3 s timer": what to call a timer on screen and out loud. */
export function timerTitle(timer, formatDuration) {
  return timer.name ? `${timer.name} timer` : `${formatDuration(timer.durationSeconds)} timer`;
}

/** "07:30 weekdays · gym" */
export function alarmTitle(alarm) {
  const when = alarmClock(alarm);
  return alarm.label ? `${when} · ${alarm.label}` : when;
}

/** "07:30 weekdays", "07:30 2026-11-27", "07:30": the clock time the alarm was set for. */
export const alarmClock = (alarm) => [alarm.time, alarm.repeat ?? alarm.date].filter(Boolean).join(' ');
