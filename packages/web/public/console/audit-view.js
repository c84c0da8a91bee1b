import { api, query } from './api.js';
import { fill, h, json } from './dom.js';
import { run } from './feedback.js';

/** The audit log of operator changes, newest first, a page at a time ("Older" follows the cursor). */

const PAGE_SIZE = 50;
let container;
let body;
let older;
let nextCursor = null;

/** Who acted (from the operator's token), and the free-text note they sent, if any. */
const actorName = (entry) => {
  const { actor } = entry;
  if (actor.kind === 'system') return 'system';
  const who = actor.name ? `${actor.name} (${actor.role ?? 'operator'})` : 'operator';
  return entry.note ? `${who}, note: ${entry.note}` : who;
};

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Only what differs between `before` and `after`, down nested objects: a limit changed on a plan
 * shows as that limit, not as two copies of the whole plan. Anything else is shown whole.
 */
export function changedParts(before, after) {
  if (!isRecord(before) || !isRecord(after)) return { before, after };
  const parts = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const inner = changedParts(before[key], after[key]);
    if (key in before) parts.before[key] = inner.before;
    if (key in after) parts.after[key] = inner.after;
  }
  return parts;
}

function entryRow(entry) {
  const { before, after } = changedParts(entry.before, entry.after);
  return h(
    'tr',
    { 'data-audit-id': entry.id },
    h('td', {}, h('time', { datetime: entry.at }, new Date(entry.at).toLocaleString())),
    h('td', {}, actorName(entry)),
    h('td', {}, h('code', {}, entry.action)),
    h('td', {}, h('code', {}, entry.target)),
    h('td', { class: 'change' }, h('code', { class: 'before', title: json(entry.before) }, json(before))),
    h('td', { class: 'change' }, h('code', { class: 'after', title: json(entry.after) }, json(after))),
  );
}

async function loadPage(cursor) {
  const page = await api.get(`/admin/audit${query({ limit: PAGE_SIZE, cursor })}`);
  if (!cursor) body.replaceChildren();
  body.append(...page.entries.map(entryRow));
  nextCursor = page.nextCursor;
  older.hidden = nextCursor === null;
}

export function mount(section) {
  container = section;
  body = h('tbody');
  older = h('button', { type: 'button', hidden: true }, 'Older entries');
  older.addEventListener('click', () => run(() => loadPage(nextCursor)));
  const refresh = h('button', { type: 'button', class: 'small' }, 'Refresh');
  refresh.addEventListener('click', () => run(() => loadPage()));
  fill(
    container,
    h('h2', {}, 'Audit log ', refresh),
    h('p', { class: 'hint' }, 'Changes show only what differed; hover for the whole value.'),
    h(
      'table',
      { class: 'audit' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['when', 'who', 'action', 'target', 'before', 'after'].map((name) =>
            h('th', { scope: 'col' }, name),
          ),
        ),
      ),
      body,
    ),
    older,
  );
}

export const load = () => loadPage();
