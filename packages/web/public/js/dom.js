// Tiny DOM helpers: elements from data, never from HTML strings, so server text is always text.

/** h('button', {class: 'x', onclick}, 'label', child) -> HTMLElement */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const byId = (id) => document.getElementById(id);

/** "1:05:09", "4:07", "0:03": a countdown, rounded up so it reaches 0:00 when the time is up. */
export function formatCountdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "10 min", "1 h 30 min", "45 s": how long a timer was set for. */
export function formatDuration(seconds) {
  const parts = [];
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (rest || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

/** "in 7 h 20 min", "in 2 d 3 h", "in 1 min", "now": how long until something rings, to the minute (rounded up). */
export function formatTimeUntil(ms) {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 0) return 'now';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = days
    ? [`${days} d`, hours ? `${hours} h` : '']
    : [hours ? `${hours} h` : '', rest ? `${rest} min` : ''];
  return `in ${parts.filter(Boolean).join(' ')}`;
}

const localDay = (date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** "today 18:00", "tomorrow 09:00", "Fri 28 Nov 09:00": an instant on this browser's clock. */
export function formatLocalWhen(instant, now = Date.now()) {
  const date = new Date(instant);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const days = Math.round((localDay(date) - localDay(new Date(now))) / 86_400_000);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  const day = date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day} ${time}`;
}
