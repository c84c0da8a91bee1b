// Timers, alarms and pending reminders on screen: live countdowns ("4:07" for a timer, "in 7 h
// 20 min" for an alarm or reminder), buttons that call the REST routes, and a prominent banner
// for whatever is ringing, with Stop (and Snooze for alarms).
import { alarmClock, alarmTitle, ClockItems, timerTitle } from './clock-items.js';
import { byId, formatCountdown, formatDuration, formatLocalWhen, formatTimeUntil, h } from './dom.js';

const TICK_MS = 250;

export class ClocksView {
  /**
   * @param {import('./api.js').HarkApi} api
   * @param {{onError(error: Error): void, onRing(text: string): void}} handlers
   */
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers;
    this.items = new ClockItems();
    this.notices = [];
    this.ringingIds = new Set();
    this.ticker = null;
  }

  /** Loads every timer, alarm and pending reminder over REST (on start, and when events were missed). */
  async load() {
    const [{ timers }, { alarms }, { reminders }] = await Promise.all([
      this.api.get('/v1/timers'),
      this.api.get('/v1/alarms'),
      this.api.get('/v1/reminders?state=SCHEDULED'),
    ]);
    const receivedAt = Date.now();
    this.items.replace('timer', timers, receivedAt);
    this.items.replace('alarm', alarms, receivedAt);
    this.items.replace('reminder', reminders, receivedAt);
    this.render();
    this.ticker ??= setInterval(() => this.tick(), TICK_MS);
  }

  stop() {
    clearInterval(this.ticker);
    this.ticker = null;
    this.items = new ClockItems();
    this.notices = [];
    this.ringingIds.clear();
    this.render();
  }

  /** A device event: timer.*, alarm.* or reminder.* with the item as data. */
  onEvent(type, item) {
    const kind = type.split('.')[0];
    if (kind !== 'timer' && kind !== 'alarm' && kind !== 'reminder') return;
    const changed = this.items.upsert(kind, item);
    if (type === 'reminder.due' && changed) {
      this.notices.push({ id: item.id, text: `Reminder: ${item.text}` });
      this.handlers.onRing(`Reminder: ${item.text}`);
    }
    if (changed) this.render();
  }

  tick() {
    const now = Date.now();
    for (const element of document.querySelectorAll('[data-due-at]')) {
      element.textContent = formatCountdown(Number(element.dataset.dueAt) - now);
    }
    for (const element of document.querySelectorAll('[data-rings-at]')) {
      element.textContent = formatTimeUntil(Number(element.dataset.ringsAt) - now);
    }
    // A timer's ring window can end with no event: re-render when what rings changes.
    const ringing = this.items.ringing(now).map(({ item }) => item.id);
    if (ringing.length !== this.ringingIds.size || ringing.some((id) => !this.ringingIds.has(id)))
      this.render();
  }

  render() {
    const now = Date.now();
    const { timers, alarms, reminders } = this.items.upcoming(now);
    byId('timers').replaceChildren(...timers.map((entry) => this.#timerRow(entry)));
    byId('alarms').replaceChildren(...alarms.map((entry) => this.#alarmRow(entry, now)));
    byId('clocks-empty').hidden = timers.length + alarms.length > 0;
    byId('reminders').replaceChildren(...reminders.map((entry) => this.#reminderRow(entry, now)));
    byId('reminders-empty').hidden = reminders.length > 0;
    this.#renderRinging(now);
  }

  #timerRow({ item, dueAt }) {
    const running = item.state === 'ON';
    const left = running
      ? h('span', { class: 'countdown', 'data-due-at': dueAt }, formatCountdown(dueAt - Date.now()))
      : h('span', { class: 'countdown paused' }, formatCountdown(item.remainingMs ?? 0));
    return h(
      'li',
      { class: `item timer ${running ? 'running' : 'paused'}`, 'data-id': item.id },
      h('span', { class: 'title' }, timerTitle(item, formatDuration)),
      left,
      running ? '' : h('span', { class: 'tag' }, 'paused'),
      h('span', { class: 'actions' }, [
        running
          ? this.#button('Pause', () => this.#change('timer', 'PATCH', item.id, { action: 'pause' }))
          : this.#button('Resume', () => this.#change('timer', 'PATCH', item.id, { action: 'resume' })),
        this.#button('Cancel', () => this.#change('timer', 'DELETE', item.id), 'secondary'),
      ]),
    );
  }

  /** How long until it rings, kept current by tick(); "7:20:00" would read as a clock time. */
  #timeUntil(at, now) {
    return at ? h('span', { class: 'countdown until', 'data-rings-at': at }, formatTimeUntil(at - now)) : '';
  }

  #alarmRow({ item, dueAt }, now) {
    return h(
      'li',
      { class: 'item alarm', 'data-id': item.id },
      h(
        'span',
        { class: 'title' },
        item.label ? `Alarm · ${item.label}` : 'Alarm',
        h('span', { class: 'when' }, alarmClock(item)),
      ),
      this.#timeUntil(dueAt, now),
      item.state === 'SNOOZED' ? h('span', { class: 'tag' }, 'snoozed') : '',
      h(
        'span',
        { class: 'actions' },
        this.#button('Cancel', () => this.#change('alarm', 'DELETE', item.id), 'secondary'),
      ),
    );
  }

  #reminderRow({ item, dueAt }, now) {
    return h(
      'li',
      { class: 'item reminder', 'data-id': item.id },
      h('span', { class: 'title' }, item.text, h('span', { class: 'when' }, formatLocalWhen(dueAt, now))),
      this.#timeUntil(dueAt, now),
      h(
        'span',
        { class: 'actions' },
        this.#button('Cancel', () => this.#change('reminder', 'DELETE', item.id), 'secondary'),
      ),
    );
  }

  #renderRinging(now) {
    const ringing = this.items.ringing(now);
    for (const { kind, item } of ringing) {
      if (this.ringingIds.has(item.id)) continue;
      this.handlers.onRing(
        kind === 'timer' ? `Your ${timerTitle(item, formatDuration)} is done.` : `Alarm: ${alarmTitle(item)}`,
      );
    }
    this.ringingIds = new Set(ringing.map(({ item }) => item.id));
    const banner = byId('ringing');
    const rows = ringing.map(({ kind, item }) =>
      h(
        'div',
        { class: `ring ${kind}`, 'data-id': item.id },
        h(
          'span',
          { class: 'ring-title' },
          kind === 'timer'
            ? `${timerTitle(item, formatDuration)}: time's up!`
            : `Alarm ${alarmTitle(item)} is ringing`,
        ),
        kind === 'timer'
          ? this.#button('Stop', () => this.#change('timer', 'DELETE', item.id), 'stop')
          : [
              this.#button('Stop', () => this.#change('alarm', 'PATCH', item.id, { action: 'stop' }), 'stop'),
              this.#button(
                'Snooze',
                () => this.#change('alarm', 'PATCH', item.id, { action: 'snooze' }),
                'secondary',
              ),
            ],
      ),
    );
    const notices = this.notices.map((notice, index) =>
      h(
        'div',
        { class: 'ring reminder' },
        h('span', { class: 'ring-title' }, notice.text),
        this.#button(
          'Dismiss',
          () => {
            this.notices.splice(index, 1);
            this.render();
          },
          'secondary',
        ),
      ),
    );
    banner.replaceChildren(...rows, ...notices);
    banner.hidden = rows.length + notices.length === 0;
  }

  #button(label, onclick, kind = '') {
    return h('button', { type: 'button', class: kind, onclick }, label);
  }

  /** PATCH or DELETE /v1/{timers|alarms|reminders}/:id, then shows the answer at once (the event follows). */
  async #change(kind, method, id, body) {
    try {
      const path = `/v1/${kind}s/${encodeURIComponent(id)}`;
      const answer = await this.api.request(method, path, body);
      if (answer?.[kind] && this.items.upsert(kind, answer[kind])) this.render();
    } catch (error) {
      this.handlers.onError(error);
    }
  }
}
