import { ApiError, api, segment } from './api.js';
import { h, table } from './dom.js';
import { notify, run } from './feedback.js';
import { localMinute } from './format.js';

/**
 * Internal and test users (PUT /admin/users/:id/internal, GET /admin/internal-users): their turns
 * are left out of every insight. A card listing them, and the mark on one user's page.
 */

export const fetchInternalUsers = async () => (await api.get('/admin/internal-users')).users;

/** The card of every user marked internal; `onOpen(userId)` opens one. Returns it and `load()`. */
export function internalUsersCard({ onOpen }) {
  const list = table(['user', 'note', 'marked', 'by'], [], {
    class: 'internal-users',
    caption: 'Left out of every insight',
  });
  const rows = list.querySelector('tbody');
  const empty = h('p', { class: 'hint' }, 'No user is marked internal.');
  const card = h(
    'section',
    { class: 'card', 'data-internal-users': '' },
    h('h3', {}, 'Internal users'),
    list,
    empty,
  );
  /** An operator whose role may not read the list (or an older server) sees why, not an empty list. */
  async function load() {
    const users = await internalMarksOrError();
    if (users instanceof Error) {
      rows.replaceChildren();
      empty.textContent = `Cannot list internal users: ${users.message}`;
      empty.hidden = false;
      return;
    }
    empty.textContent = 'No user is marked internal.';
    rows.replaceChildren(
      ...users.map((user) =>
        h(
          'tr',
          { 'data-internal-user': user.userId },
          h(
            'td',
            {},
            h('button', { type: 'button', class: 'link', onclick: () => onOpen(user.userId) }, user.userId),
          ),
          h('td', {}, user.note ?? '—'),
          h('td', {}, localMinute(user.markedAt)),
          h('td', {}, user.markedBy),
        ),
      ),
    );
    empty.hidden = users.length > 0;
  }
  return { element: card, load };
}

/** Marks or clears; `after()` runs once the API has answered. */
function setMark(userId, internal, note, after) {
  return run(async () => {
    const body = { internal };
    if (internal && note) body.note = note;
    await api.send('PUT', `/admin/users/${segment(userId)}/internal`, body);
    notify(
      internal ? `Marked ${userId} internal: left out of insights` : `${userId} counts in insights again`,
    );
    await after();
  });
}

/** One user's mark: what it is, and the button that flips it. `marks` is the list, or the error loading it. */
export function internalMarkPanel(userId, marks, after) {
  const title = h('h3', {}, 'Internal or test user');
  if (marks instanceof Error) {
    return h(
      'section',
      { class: 'card' },
      title,
      h(
        'p',
        { class: 'error' },
        h('strong', { class: 'error-code' }, marks.code ?? 'Error'),
        ` ${marks.message}`,
      ),
    );
  }
  const mark = marks.find((each) => each.userId === userId);
  const note = h('input', { name: 'note', maxlength: 200, placeholder: 'why, e.g. load test key' });
  const form = h(
    'form',
    { class: 'card internal-mark', 'data-internal-mark': mark ? 'internal' : 'counted' },
    title,
    h(
      'p',
      {},
      mark
        ? `Marked internal by ${mark.markedBy} on ${localMinute(mark.markedAt)}${mark.note ? `: ${mark.note}` : ''}. Their turns are left out of every insight.`
        : 'Counted in insights like any user.',
    ),
    mark ? null : h('label', {}, 'Note (optional) ', note),
    h(
      'button',
      { type: 'submit', class: mark ? 'secondary' : '' },
      mark ? 'Clear the internal mark' : 'Mark internal',
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    return setMark(userId, !mark, note.value.trim(), after);
  });
  return form;
}

/** The list, or the error that kept it from loading (a refused token is the console's to handle). */
export async function internalMarksOrError() {
  try {
    return await fetchInternalUsers();
  } catch (error) {
    if (error instanceof ApiError && error.needsToken) throw error;
    return error;
  }
}
