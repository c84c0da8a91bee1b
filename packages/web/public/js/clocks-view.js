// Timers and alarms on screen: live countdowns, buttons that call the REST routes, and a
// prominent banner for whatever is ringing, with Stop (and Snooze for alarms).
import { alarmTitle, ClockItems, timerTitle } from './clock-items.js';
import { byId, formatCountdown, formatDuration, h } from './dom.js';

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

  /** Loads every timer and alarm over REST (on start, and when events were missed). */
  async load() {
    const [{ timers }, { alarms }] = await Promise.all([
      this.api.get('/v1/timers'),
      this.api.get('/v1/alarms'),
    ]);
    const receivedAt = Date.now();
    this.items.replace('timer', timers, receivedAt);
    this.items.replace('alarm', alarms, receivedAt);
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
    if (kind === 'timer' || kind === 'alarm') {
      if (this.items.upsert(kind, item)) this.render();
    } else if (type === 'reminder.due') {
      this.notices.push({ id: item.id, text: `Reminder: ${item.text}` });
      this.handlers.onRing(`Reminder: ${item.text}`);
      this.render();
    }
  }

  tick() {
    const now = Date.now();
    for (const element of document.querySelectorAll('[data-due-at]')) {
      element.textContent = formatCountdown(Number(element.dataset.dueAt) - now);
    }
    // A timer's ring window can end with no event: re-render when what rings changes.
    const ringing = this.items.ringing(now).map(({ item }) => item.id);
    if (ringing.length !== this.ringingIds.size || ringing.some((id) => !this.ringingIds.has(id)))
      this.render();
  }

  render() {
    const now = Date.now();
    const { timers, alarms } = this.items.upcoming(now);
    byId('timers').replaceChildren(...timers.map((entry) => this.#timerRow(entry)));
    byId('alarms').replaceChildren(...alarms.map((entry) => this.#alarmRow(entry)));
    byId('clocks-empty').hidden = timers.length + alarms.length > 0;
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

  #alarmRow({ item, dueAt }) {
    return h(
      'li',
      { class: 'item alarm', 'data-id': item.id },
      h('span', { class: 'title' }, `Alarm ${alarmTitle(item)}`),
      dueAt
        ? h('span', { class: 'countdown', 'data-due-at': dueAt }, formatCountdown(dueAt - Date.now()))
        : '',
      item.state === 'SNOOZED' ? h('span', { class: 'tag' }, 'snoozed') : '',
      h(
        'span',
        { class: 'actions' },
        this.#button('Cancel', () => this.#change('alarm', 'DELETE', item.id), 'secondary'),
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

  /** PATCH or DELETE /v1/{timers|alarms}/:id, then shows the answer at once (the event follows). */
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
